namespace MLSeg.Charts.Data;

/// <summary>One epoch of train_log.csv: losses, validation Dice, learning rate and the epoch's wall time in seconds.</summary>
public sealed record TrainLogRow(int Epoch, double TrainLoss, double ValLoss, double ValDice, double LearningRate, double Seconds);
