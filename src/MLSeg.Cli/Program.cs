using System.CommandLine;
using MLSeg.Cli;

var root = new RootCommand("MLSeg — data-efficient transfer learning for medical image segmentation.");
foreach (Command command in CommandCatalog.All())
{
    root.Subcommands.Add(command);
}

return CliRunner.Run(root, args);
