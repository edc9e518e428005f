using System.CommandLine;
using System.CommandLine.Help;
using MLSeg.Cli;

// The root is named `mlseg` explicitly: the assembly is MLSeg.Cli, because an assembly called "mlseg" would collide
// with the MLSeg facade (assembly names bind case-insensitively).
var root = new Command("mlseg", "MLSeg — data-efficient transfer learning for medical image segmentation.");
root.Options.Add(new HelpOption());
root.Options.Add(new VersionOption());
foreach (Command command in CommandCatalog.All())
{
    root.Subcommands.Add(command);
}

return CliRunner.Run(root, args);

