namespace ExplainerStudio.Generation.Consistency;

/// <summary>Threshold statistics of a score that should be higher for positives (drifted, flickering) than for
/// negatives.</summary>
internal static class RocCurve
{
    /// <summary>The area under the ROC curve: the chance that a random positive scores above a random negative
    /// (ties count half), 0.5 = no better than chance.</summary>
    public static double Auc(IReadOnlyList<double> positives, IReadOnlyList<double> negatives)
    {
        if (positives.Count == 0 || negatives.Count == 0)
        {
            return double.NaN;
        }

        double wins = 0;
        foreach (double p in positives)
        {
            foreach (double n in negatives)
            {
                wins += p > n ? 1 : p == n ? 0.5 : 0;
            }
        }

        return wins / (positives.Count * (double)negatives.Count);
    }

    /// <summary>The share of <paramref name="scores"/> at or above <paramref name="threshold"/>.</summary>
    public static double RateAtOrAbove(IReadOnlyList<double> scores, double threshold) =>
        scores.Count == 0 ? double.NaN : scores.Count(s => s >= threshold) / (double)scores.Count;

    /// <summary>The threshold with the largest detection rate minus false-alarm rate (Youden's J), halfway between
    /// the two scores it separates.</summary>
    public static double BestThreshold(IReadOnlyList<double> positives, IReadOnlyList<double> negatives)
    {
        double[] candidates = positives.Concat(negatives).Distinct().Order().ToArray();
        double best = double.NaN;
        double bestJ = double.NegativeInfinity;
        for (int i = 0; i < candidates.Length; i++)
        {
            double threshold = i == 0 ? candidates[0] : (candidates[i - 1] + candidates[i]) / 2;
            double j = RateAtOrAbove(positives, threshold) - RateAtOrAbove(negatives, threshold);
            if (j > bestJ)
            {
                bestJ = j;
                best = threshold;
            }
        }

        return best;
    }
}
