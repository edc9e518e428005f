namespace MLSeg.Data;

/// <summary>The column names MLSeg's loaders, transforms, trainers and evaluation agree on.</summary>
public static class WellKnownColumns
{
    /// <summary>The image (<see cref="Image2DDataViewType"/>).</summary>
    public const string Image = "image";

    /// <summary>The reference segmentation (<see cref="LabelMapDataViewType"/>).</summary>
    public const string Label = "label";

    /// <summary>The predicted segmentation (<see cref="LabelMapDataViewType"/>).</summary>
    public const string Prediction = "prediction";

    /// <summary>The image as a fixed-size float vector (channels × height × width) for built-in ML.NET transforms and ONNX models.</summary>
    public const string Tensor = "tensor";

    /// <summary>The patient (or volunteer) identifier (text); the sampling key of folds.</summary>
    public const string PatientId = "patient_id";

    /// <summary>Cardiac phase of a cine frame, e.g. "ED", "ES" or "" (text).</summary>
    public const string Phase = "phase";

    /// <summary>The observer who drew the label (Int32; 0 = the reference mask).</summary>
    public const string Observer = "observer";
}
