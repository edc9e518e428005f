namespace MLSeg.Synthetic.Ct;

/// <summary>
/// The anatomical structure at a point of the L3 phantom. Sides are the patient's (left = image right in the
/// radiological display the phantom uses).
/// </summary>
public enum L3Structure : byte
{
    /// <summary>Air outside the body.</summary>
    Air,

    /// <summary>Skin (soft tissue, not labelled).</summary>
    Skin,

    /// <summary>Subcutaneous adipose tissue (label 2 when fat labels are on).</summary>
    SubcutaneousFat,

    /// <summary>Visceral adipose tissue inside the abdominal wall (label 3 when fat labels are on).</summary>
    VisceralFat,

    /// <summary>Fat between posterior muscles and around the spine (neither SAT nor VAT; not labelled).</summary>
    OtherFat,

    /// <summary>Aponeuroses, linea alba (fibrous soft tissue; not labelled).</summary>
    Fascia,

    /// <summary>Rectus abdominis, patient right.</summary>
    RectusRight,

    /// <summary>Rectus abdominis, patient left.</summary>
    RectusLeft,

    /// <summary>External/internal oblique and transversus abdominis, patient right.</summary>
    ObliquesRight,

    /// <summary>External/internal oblique and transversus abdominis, patient left.</summary>
    ObliquesLeft,

    /// <summary>Psoas major, patient right.</summary>
    PsoasRight,

    /// <summary>Psoas major, patient left.</summary>
    PsoasLeft,

    /// <summary>Quadratus lumborum, patient right.</summary>
    QuadratusRight,

    /// <summary>Quadratus lumborum, patient left.</summary>
    QuadratusLeft,

    /// <summary>Erector spinae with multifidus, patient right.</summary>
    ErectorRight,

    /// <summary>Erector spinae with multifidus, patient left.</summary>
    ErectorLeft,

    /// <summary>Intramuscular fat patch inside a muscle (excluded from the muscle label, as a −29…150 HU mask would).</summary>
    IntramuscularFat,

    /// <summary>Cortical bone (vertebral rim, posterior elements).</summary>
    CorticalBone,

    /// <summary>Cancellous bone of the vertebral body.</summary>
    CancellousBone,

    /// <summary>Spinal canal (thecal sac).</summary>
    SpinalCanal,

    /// <summary>Liver (inferior right lobe).</summary>
    Liver,

    /// <summary>Kidney (lower pole).</summary>
    Kidney,

    /// <summary>Aorta or inferior vena cava.</summary>
    Vessel,

    /// <summary>Bowel wall.</summary>
    BowelWall,

    /// <summary>Bowel content (fluid, stool).</summary>
    BowelContent,

    /// <summary>Bowel gas.</summary>
    BowelGas,

    /// <summary>Subcutaneous fat of an arm lying beside the body (not abdominal SAT; not labelled).</summary>
    ArmFat,

    /// <summary>Arm muscle (skeletal muscle outside the abdomen; not labelled, which is what makes it a confounder).</summary>
    ArmMuscle,

    /// <summary>Carbon-fibre shell of the scanner table.</summary>
    TableShell,

    /// <summary>Foam core of the scanner table.</summary>
    TableCore,

    /// <summary>Metal implant (spinal fixation screws and rods).</summary>
    Metal,
}

/// <summary>Facts about <see cref="L3Structure"/>.</summary>
public static class L3Structures
{
    /// <summary>Number of structures (the largest value + 1).</summary>
    public const int Count = (int)L3Structure.Metal + 1;
}
