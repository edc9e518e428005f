namespace MLSeg.Synthetic.Mr;

/// <summary>Tissue classes of the cine phantom (what sets the MR intensity).</summary>
internal enum CardiacTissue : byte
{
    Air,
    Fat,
    ChestMuscle,
    Lung,
    SoftTissue,
    LvBlood,
    Papillary,
    Myocardium,
    RvBlood,
    RvWall,
    AorticBlood,
    Bone,
    Marrow,
}
