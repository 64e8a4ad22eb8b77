using System.Collections.Concurrent;
using ExplainerStudio.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Timeline;

/// <summary>
/// Scratch-speech durations by speech key, in memory in front of the <see cref="SpeechDuration"/> table. Entries are
/// never invalidated because a key's duration never changes (a changed text or voice is another key). Failures
/// (espeak-ng refused the text) are kept in memory only, so a restart, perhaps after installing a voice, tries again.
/// </summary>
public sealed class SpeechDurationCache(IDbContextFactory<StudioDbContext> contextFactory, TimeProvider clock)
{
    private const int LookupChunk = 2000;
    private readonly ConcurrentDictionary<string, double> _known = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _failures = new(StringComparer.Ordinal);

    /// <summary>The known durations in seconds among <paramref name="keys"/>: memory first, the rest in one query.</summary>
    public async Task<IReadOnlyDictionary<string, double>> LookupAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        var found = new Dictionary<string, double>(keys.Count, StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var key in keys)
        {
            if (_known.TryGetValue(key, out var seconds))
            {
                found[key] = seconds;
            }
            else
            {
                missing.Add(key);
            }
        }
        if (missing.Count == 0)
        {
            return found;
        }

        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        // In chunks, because each key is a query parameter and databases cap their number (SQLite at 32,766).
        foreach (var chunk in missing.Chunk(LookupChunk))
        {
            var rows = await context.SpeechDurations.AsNoTracking().Where(d => chunk.Contains(d.Key))
                .Select(d => new { d.Key, d.DurationSeconds }).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                _known[row.Key] = row.DurationSeconds;
                found[row.Key] = row.DurationSeconds;
            }
        }
        return found;
    }

    /// <summary>Records a measured duration; a row another process wrote first for the same key is kept (it is the same).</summary>
    public async Task StoreAsync(string key, double seconds, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (!double.IsFinite(seconds) || seconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "A speech duration is a finite number of seconds, 0 or more.");
        }
        _failures.TryRemove(key, out _);
        if (_known.ContainsKey(key))
        {
            return;
        }

        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (!await context.SpeechDurations.AnyAsync(d => d.Key == key, cancellationToken))
        {
            context.SpeechDurations.Add(new SpeechDuration { Key = key, DurationSeconds = seconds, CreatedAt = clock.GetUtcNow() });
            try
            {
                await context.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another process may have stored the same key between the check and the insert (its value is the
                // same); anything else is a real failure.
                if (!await ExistsAsync(key, cancellationToken))
                {
                    throw;
                }
            }
        }
        _known[key] = seconds;
    }

    private async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.SpeechDurations.AnyAsync(d => d.Key == key, cancellationToken);
    }

    /// <summary>Why the key's speech cannot be made, when the last attempt failed.</summary>
    public string? FailureOf(string key) => _failures.GetValueOrDefault(key);

    public void RecordFailure(string key, string message) => _failures[key] = message;
}
