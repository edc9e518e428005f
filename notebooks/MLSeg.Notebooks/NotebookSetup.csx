#pragma warning disable CS1701 // the kernel's own Microsoft.DotNet.Interactive references Microsoft.AspNetCore.Html.Abstractions 2.3 and runs on 10.0
// Charts: a Plotly.NET GenericChart that ends a cell, or display(chart), is drawn by the plotly.js displayed below —
// inlined once per notebook, so the executed notebook and its HTML export render offline.
Microsoft.DotNet.Interactive.Formatting.Formatter.Register<Plotly.NET.GenericChart>(MLSeg.Notebooks.NotebookPlotly.ChartHtml, Microsoft.DotNet.Interactive.Formatting.HtmlFormatter.MimeType);
Microsoft.DotNet.Interactive.Kernel.display(Microsoft.DotNet.Interactive.Kernel.HTML(MLSeg.Notebooks.NotebookPlotly.ScriptHtml()));
// The engine: MLSeg's prepared TorchSharp glue (artifacts/native/libtorch) must load before any TorchSharp call a cell
// makes; otherwise TorchSharp probes for a libtorch package of its own. A clear error here says what is missing.
MLSeg.Models.Engine.TorchRuntime.EnsureLoaded();
