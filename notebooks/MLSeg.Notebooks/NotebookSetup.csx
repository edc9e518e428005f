// Charts: a Plotly.NET GenericChart that ends a cell, or display(chart), is drawn by the plotly.js displayed below —
// inlined once per notebook, so the executed notebook and its HTML export render offline.
Microsoft.DotNet.Interactive.Formatting.Formatter.Register<Plotly.NET.GenericChart>(MLSeg.Notebooks.NotebookPlotly.ChartHtml, Microsoft.DotNet.Interactive.Formatting.HtmlFormatter.MimeType);
Microsoft.DotNet.Interactive.Kernel.display(Microsoft.DotNet.Interactive.Kernel.HTML(MLSeg.Notebooks.NotebookPlotly.ScriptHtml()));
