using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace MLSeg.Charts.Figures;

/// <summary>Helpers that write plotly.js JSON: absent values are omitted, non-finite numbers become <c>null</c>.</summary>
internal static class JsonOut
{
    /// <summary>
    /// Writer options: every Unicode letter is kept readable, while the HTML-sensitive characters (&lt; &gt; &amp; ' ")
    /// are still escaped as \uXXXX, so the JSON can sit inside a &lt;script&gt; element without ending it.
    /// </summary>
    public static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Indented = false,
    };

    public static string Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            body(w);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static void Value(Utf8JsonWriter w, double v)
    {
        if (double.IsFinite(v))
        {
            w.WriteNumberValue(v);
        }
        else
        {
            w.WriteNullValue();
        }
    }

    public static void Number(Utf8JsonWriter w, string name, double? v)
    {
        if (v is { } x)
        {
            w.WritePropertyName(name);
            Value(w, x);
        }
    }

    public static void Integer(Utf8JsonWriter w, string name, int? v)
    {
        if (v is { } x)
        {
            w.WriteNumber(name, x);
        }
    }

    public static void Text(Utf8JsonWriter w, string name, string? v)
    {
        if (v is not null)
        {
            w.WriteString(name, v);
        }
    }

    public static void Flag(Utf8JsonWriter w, string name, bool? v)
    {
        if (v is { } x)
        {
            w.WriteBoolean(name, x);
        }
    }

    public static void Data(Utf8JsonWriter w, string name, DataArray? v)
    {
        if (v is not null)
        {
            w.WritePropertyName(name);
            v.WriteJson(w);
        }
    }

    /// <summary>A plotly title object (<c>{"text": …}</c>), the form plotly.js 2+ expects.</summary>
    public static void Title(Utf8JsonWriter w, string? text)
    {
        if (text is not null)
        {
            w.WriteStartObject("title");
            w.WriteString("text", text);
            w.WriteEndObject();
        }
    }
}
