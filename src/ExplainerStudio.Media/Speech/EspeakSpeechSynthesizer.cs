using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ExplainerStudio.Media.Ffmpeg;

namespace ExplainerStudio.Media.Speech;

/// <summary>
/// Scratch speech from espeak-ng, one WAV per line, cached by a hash of text and voice so that a line is
/// synthesised again only when its text or its character's voice changes. Durations come from the WAV header. Files are written under a temporary
/// name and moved into place, so the cache never holds a partial file.
/// </summary>
public sealed class EspeakSpeechSynthesizer
{
    private readonly FfmpegRunner _runner;
    private readonly SpeechOptions _options;
    private readonly SemaphoreSlim _voicesLock = new(1, 1);
    private IReadOnlyList<EspeakVoice>? _voices;
    private IReadOnlyList<EspeakVoice>? _variants;
    private long _synthesisCount;

    /// <summary>Creates a synthesiser that caches under <see cref="SpeechOptions.CacheDirectory"/> and probes with <paramref name="runner"/>.</summary>
    public EspeakSpeechSynthesizer(FfmpegRunner runner, SpeechOptions options)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.CacheDirectory, nameof(options));
        _runner = runner;
        _options = options;
    }

    /// <summary>The cache key of a line: a SHA-256 over the text and every voice setting.</summary>
    public static string CacheKey(string text, VoiceSettings voice)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(voice);
        string material = string.Create(
            CultureInfo.InvariantCulture, $"espeak-ng/1\n{voice.Voice.Trim().ToLowerInvariant()}\n{voice.Pitch}\n{voice.Rate}\n{text.Trim()}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(material)));
    }

    /// <summary>How many lines this instance has had espeak-ng synthesise (cache misses); listing voices does not count.</summary>
    public long SynthesisCount => Interlocked.Read(ref _synthesisCount);

    /// <summary>Where the speech of a <see cref="CacheKey"/> is (or would be) cached; the file exists once it was synthesised.</summary>
    public string CachedFilePath(string cacheKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(cacheKey);
        return Path.Combine(Path.GetFullPath(_options.CacheDirectory), cacheKey + ".wav");
    }

    /// <summary>The voices espeak-ng has installed (languages, not variants).</summary>
    /// <exception cref="SpeechException">espeak-ng is missing or failed.</exception>
    public async Task<IReadOnlyList<EspeakVoice>> ListVoicesAsync(CancellationToken cancellationToken = default)
    {
        await LoadVoicesAsync(cancellationToken).ConfigureAwait(false);
        return _voices!;
    }

    /// <summary>Checks that espeak-ng can speak with the voice and that pitch and rate are in range.</summary>
    /// <exception cref="SpeechException">The voice, its variant, the pitch or the rate is not usable; the message says which.</exception>
    public async Task ValidateVoiceAsync(VoiceSettings voice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(voice);
        if (voice.Pitch is < 0 or > 99)
        {
            throw new SpeechException(string.Create(CultureInfo.InvariantCulture, $"Pitch {voice.Pitch} is out of range; use 0 to 99."));
        }

        if (voice.Rate is < 80 or > 450)
        {
            throw new SpeechException(string.Create(CultureInfo.InvariantCulture, $"Rate {voice.Rate} is out of range; use 80 to 450 words per minute."));
        }

        string name = voice.Voice.Trim().ToLowerInvariant();
        if (name.Length == 0 || name.Any(character => char.IsWhiteSpace(character) || char.IsControl(character)))
        {
            throw new SpeechException($"'{voice.Voice}' is not a voice name; choose one of espeak-ng's voices, such as 'en-us' or 'en+f3'.");
        }

        await LoadVoicesAsync(cancellationToken).ConfigureAwait(false);
        string[] parts = name.Split('+', 2);
        if (!_voices!.Any(known => known.Aliases().Contains(parts[0])))
        {
            throw new SpeechException($"espeak-ng has no voice '{parts[0]}'; choose one of its voices, such as 'en-us' or 'en-gb'.");
        }

        if (parts.Length == 2 && !_variants!.Any(known => known.Aliases().Contains(parts[1])))
        {
            throw new SpeechException($"espeak-ng has no voice variant '{parts[1]}'; use one such as 'f3' or 'm3', or leave the variant out.");
        }
    }

    /// <summary>Returns the cached speech for the line, synthesising it first when it is not cached yet.</summary>
    /// <exception cref="SpeechException">The text is empty or too long, the voice is unknown, or espeak-ng failed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; espeak-ng was killed and no file remains.</exception>
    public async Task<SpeechClip> SynthesizeAsync(string text, VoiceSettings voice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(voice);
        string trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            throw new SpeechException("The line has no text to speak; write the line or remove it.");
        }

        if (trimmed.Length > _options.MaxTextLength)
        {
            throw new SpeechException(string.Create(
                CultureInfo.InvariantCulture, $"The line has {trimmed.Length} characters; scratch speech takes at most {_options.MaxTextLength}. Split it into several lines."));
        }

        await ValidateVoiceAsync(voice, cancellationToken).ConfigureAwait(false);
        string key = CacheKey(trimmed, voice);
        string folder = Path.GetFullPath(_options.CacheDirectory);
        Directory.CreateDirectory(folder);
        string target = Path.Combine(folder, key + ".wav");
        if (File.Exists(target))
        {
            return new SpeechClip(target, await DurationAsync(target, cancellationToken).ConfigureAwait(false), key, FromCache: true);
        }

        string partial = Path.Combine(folder, $".{key}.{Guid.NewGuid():N}.partial.wav");
        try
        {
            string[] arguments =
            [
                "-v", voice.Voice.Trim(),
                "-p", voice.Pitch.ToString(CultureInfo.InvariantCulture),
                "-s", voice.Rate.ToString(CultureInfo.InvariantCulture),
                "-w", partial,
                "--stdin",
            ];
            Interlocked.Increment(ref _synthesisCount);
            await RunEspeakAsync(arguments, trimmed, cancellationToken).ConfigureAwait(false);
            TimeSpan duration = await DurationAsync(partial, cancellationToken).ConfigureAwait(false);
            File.Move(partial, target, overwrite: true);
            return new SpeechClip(target, duration, key, FromCache: false);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private async Task<TimeSpan> DurationAsync(string path, CancellationToken cancellationToken)
    {
        // espeak-ng writes plain PCM, whose header says how long it is; ffprobe is for anything else.
        if (WavDuration.TryRead(path) is { } duration)
        {
            return duration;
        }

        MediaProbe probe = await _runner.ProbeAsync(path, cancellationToken).ConfigureAwait(false);
        return probe.Duration ?? probe.Audio?.Duration
            ?? throw new SpeechException($"espeak-ng wrote '{Path.GetFileName(path)}' without a readable duration.");
    }

    private async Task LoadVoicesAsync(CancellationToken cancellationToken)
    {
        if (_voices is not null)
        {
            return;
        }

        await _voicesLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_voices is null)
            {
                _variants = ParseVoices(await RunEspeakAsync(["--voices=variant"], null, cancellationToken).ConfigureAwait(false));
                _voices = ParseVoices(await RunEspeakAsync(["--voices"], null, cancellationToken).ConfigureAwait(false));
            }
        }
        finally
        {
            _voicesLock.Release();
        }
    }

    /// <summary>Parses espeak-ng's <c>--voices</c> table: priority, language, age/gender, name, file, other languages.</summary>
    internal static IReadOnlyList<EspeakVoice> ParseVoices(string table)
    {
        var voices = new List<EspeakVoice>();
        foreach (string line in table.Split('\n').Skip(1))
        {
            string[] columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (columns.Length >= 5)
            {
                voices.Add(new EspeakVoice(columns[1], columns[3], columns[4]));
            }
        }

        return voices;
    }

    private async Task<string> RunEspeakAsync(IReadOnlyList<string> arguments, string? standardInput, CancellationToken cancellationToken)
    {
        string executable = ExecutableLocator.Find(_options.EspeakPath)
            ?? throw new SpeechException(
                $"espeak-ng ('{_options.EspeakPath}') was not found. Install it (Debian: 'sudo apt-get install espeak-ng') or set Speech:EspeakPath.");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new SpeechException("espeak-ng could not be started.");
        Task<string> output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        Task<string> error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            if (standardInput is not null)
            {
                await process.StandardInput.WriteAsync(standardInput.AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            process.StandardInput.Close();
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        string errorText = (await error.ConfigureAwait(false)).Trim();
        string outputText = await output.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new SpeechException(string.Create(
                CultureInfo.InvariantCulture,
                $"espeak-ng failed with exit code {process.ExitCode}: {(errorText.Length > 0 ? errorText : "no message")}."));
        }

        return outputText;
    }
}
