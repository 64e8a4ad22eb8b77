using System.Globalization;
using System.Text.Json;

namespace ExplainerStudio.Generation.Schedulers;

/// <summary>
/// A diffusers <c>scheduler_config.json</c> as written, each setting null when the file leaves it out. Turn it
/// into the settings of a concrete scheduler with <see cref="Resolve"/>, which fills the gaps with that
/// scheduler class's diffusers defaults (so an SD 1.5 PNDM config used with Euler gets Euler's linspace spacing,
/// exactly as <c>EulerDiscreteScheduler.from_config</c> would).
/// </summary>
public sealed record SchedulerConfig
{
    private static readonly Dictionary<string, SchedulerKind> Implemented = new(StringComparer.Ordinal)
    {
        ["DDIMScheduler"] = SchedulerKind.Ddim,
        ["EulerDiscreteScheduler"] = SchedulerKind.Euler,
        ["EulerAncestralDiscreteScheduler"] = SchedulerKind.EulerAncestral,
        ["LCMScheduler"] = SchedulerKind.Lcm,
    };

    // Multistep ODE solvers over the same ᾱ schedule: DDIM walks the same timesteps with the same offsets.
    private static readonly HashSet<string> DdimFamily = new(StringComparer.Ordinal)
    {
        "PNDMScheduler", "DDPMScheduler", "DPMSolverMultistepScheduler", "DPMSolverSinglestepScheduler",
        "DEISMultistepScheduler", "UniPCMultistepScheduler",
    };

    // Samplers that work in sigma space like Euler; the ancestral ones keep adding noise.
    private static readonly Dictionary<string, SchedulerKind> SigmaFamily = new(StringComparer.Ordinal)
    {
        ["LMSDiscreteScheduler"] = SchedulerKind.Euler,
        ["HeunDiscreteScheduler"] = SchedulerKind.Euler,
        ["KDPM2DiscreteScheduler"] = SchedulerKind.Euler,
        ["KDPM2AncestralDiscreteScheduler"] = SchedulerKind.EulerAncestral,
        ["DPMSolverSDEScheduler"] = SchedulerKind.EulerAncestral,
    };

    private static readonly Dictionary<string, BetaSchedule> BetaSchedules = new(StringComparer.Ordinal)
    {
        ["linear"] = Schedulers.BetaSchedule.Linear,
        ["scaled_linear"] = Schedulers.BetaSchedule.ScaledLinear,
        ["squaredcos_cap_v2"] = Schedulers.BetaSchedule.SquaredCosCapV2,
    };

    private static readonly Dictionary<string, PredictionType> PredictionTypes = new(StringComparer.Ordinal)
    {
        ["epsilon"] = Schedulers.PredictionType.Epsilon,
        ["v_prediction"] = Schedulers.PredictionType.VPrediction,
        ["sample"] = Schedulers.PredictionType.Sample,
    };

    private static readonly Dictionary<string, TimestepSpacing> Spacings = new(StringComparer.Ordinal)
    {
        ["leading"] = Schedulers.TimestepSpacing.Leading,
        ["trailing"] = Schedulers.TimestepSpacing.Trailing,
        ["linspace"] = Schedulers.TimestepSpacing.Linspace,
    };

    private static readonly Dictionary<string, SigmaTimestepType> TimestepTypes = new(StringComparer.Ordinal)
    {
        ["discrete"] = SigmaTimestepType.Discrete,
        ["continuous"] = SigmaTimestepType.Continuous,
    };

    private static readonly Dictionary<string, FinalSigma> FinalSigmas = new(StringComparer.Ordinal)
    {
        ["zero"] = Schedulers.FinalSigma.Zero,
        ["sigma_min"] = Schedulers.FinalSigma.SigmaMin,
    };

    /// <summary>Where the configuration came from, for error messages.</summary>
    public string Source { get; init; } = "scheduler_config.json";

    /// <summary><c>_class_name</c>, e.g. <c>PNDMScheduler</c>.</summary>
    public string? ClassName { get; init; }

    /// <summary><c>num_train_timesteps</c>.</summary>
    public int? NumTrainTimesteps { get; init; }

    /// <summary><c>beta_start</c>.</summary>
    public double? BetaStart { get; init; }

    /// <summary><c>beta_end</c>.</summary>
    public double? BetaEnd { get; init; }

    /// <summary><c>beta_schedule</c>.</summary>
    public BetaSchedule? BetaSchedule { get; init; }

    /// <summary><c>trained_betas</c>.</summary>
    public IReadOnlyList<double>? TrainedBetas { get; init; }

    /// <summary><c>prediction_type</c>.</summary>
    public PredictionType? PredictionType { get; init; }

    /// <summary><c>timestep_spacing</c>.</summary>
    public TimestepSpacing? TimestepSpacing { get; init; }

    /// <summary><c>steps_offset</c>.</summary>
    public int? StepsOffset { get; init; }

    /// <summary><c>set_alpha_to_one</c>.</summary>
    public bool? SetAlphaToOne { get; init; }

    /// <summary><c>clip_sample</c>.</summary>
    public bool? ClipSample { get; init; }

    /// <summary><c>clip_sample_range</c>.</summary>
    public double? ClipSampleRange { get; init; }

    /// <summary><c>thresholding</c> (dynamic thresholding; not implemented, so true is refused for DDIM/LCM).</summary>
    public bool? Thresholding { get; init; }

    /// <summary><c>rescale_betas_zero_snr</c>.</summary>
    public bool? RescaleBetasZeroSnr { get; init; }

    /// <summary><c>use_karras_sigmas</c>.</summary>
    public bool? UseKarrasSigmas { get; init; }

    /// <summary><c>use_exponential_sigmas</c> (not implemented, so true is refused for Euler).</summary>
    public bool? UseExponentialSigmas { get; init; }

    /// <summary><c>use_beta_sigmas</c> (not implemented, so true is refused for Euler).</summary>
    public bool? UseBetaSigmas { get; init; }

    /// <summary><c>interpolation_type</c> (only <c>linear</c> is implemented).</summary>
    public string? InterpolationType { get; init; }

    /// <summary><c>sigma_min</c>.</summary>
    public double? SigmaMin { get; init; }

    /// <summary><c>sigma_max</c>.</summary>
    public double? SigmaMax { get; init; }

    /// <summary><c>timestep_type</c>.</summary>
    public SigmaTimestepType? TimestepType { get; init; }

    /// <summary><c>final_sigmas_type</c>.</summary>
    public FinalSigma? FinalSigma { get; init; }

    /// <summary><c>original_inference_steps</c>.</summary>
    public int? OriginalInferenceSteps { get; init; }

    /// <summary><c>timestep_scaling</c>.</summary>
    public double? TimestepScaling { get; init; }

    /// <summary>
    /// The scheduler configuration Stable Diffusion 1.5 ships (PNDM, scaled-linear β 0.00085–0.012,
    /// steps_offset 1, set_alpha_to_one false, clip_sample false).
    /// </summary>
    public static SchedulerConfig StableDiffusion15 { get; } = new()
    {
        Source = "built-in Stable Diffusion 1.5 configuration",
        ClassName = "PNDMScheduler",
        NumTrainTimesteps = 1000,
        BetaStart = 0.00085,
        BetaEnd = 0.012,
        BetaSchedule = Schedulers.BetaSchedule.ScaledLinear,
        StepsOffset = 1,
        SetAlphaToOne = false,
        ClipSample = false,
    };

    /// <summary>Reads a <c>scheduler_config.json</c>.</summary>
    /// <exception cref="SchedulerConfigException">The file is missing, not JSON, or has a malformed setting.</exception>
    public static SchedulerConfig Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new SchedulerConfigException(path, $"Scheduler configuration '{path}' is missing.");
        }
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw new SchedulerConfigException(path, $"Scheduler configuration '{path}' cannot be read: {e.Message}", e);
        }
        return Parse(json, path);
    }

    /// <summary>Parses scheduler configuration JSON; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="SchedulerConfigException">The text is not a JSON object or has a malformed setting.</exception>
    public static SchedulerConfig Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new SchedulerConfigException(source, $"Scheduler configuration '{source}' is not a JSON object.");
            }
            var reader = new SettingReader(root, source);
            return new SchedulerConfig
            {
                Source = source,
                ClassName = reader.String("_class_name"),
                NumTrainTimesteps = reader.Integer("num_train_timesteps"),
                BetaStart = reader.Number("beta_start"),
                BetaEnd = reader.Number("beta_end"),
                BetaSchedule = reader.Choice("beta_schedule", BetaSchedules),
                TrainedBetas = reader.NumberList("trained_betas"),
                PredictionType = reader.Choice("prediction_type", PredictionTypes),
                TimestepSpacing = reader.Choice("timestep_spacing", Spacings),
                StepsOffset = reader.Integer("steps_offset"),
                SetAlphaToOne = reader.Boolean("set_alpha_to_one"),
                ClipSample = reader.Boolean("clip_sample"),
                ClipSampleRange = reader.Number("clip_sample_range"),
                Thresholding = reader.Boolean("thresholding"),
                RescaleBetasZeroSnr = reader.Boolean("rescale_betas_zero_snr"),
                UseKarrasSigmas = reader.Boolean("use_karras_sigmas"),
                UseExponentialSigmas = reader.Boolean("use_exponential_sigmas"),
                UseBetaSigmas = reader.Boolean("use_beta_sigmas"),
                InterpolationType = reader.String("interpolation_type"),
                SigmaMin = reader.Number("sigma_min"),
                SigmaMax = reader.Number("sigma_max"),
                TimestepType = reader.Choice("timestep_type", TimestepTypes),
                FinalSigma = reader.Choice("final_sigmas_type", FinalSigmas),
                OriginalInferenceSteps = reader.Integer("original_inference_steps"),
                TimestepScaling = reader.Number("timestep_scaling"),
            };
        }
        catch (JsonException e)
        {
            throw new SchedulerConfigException(source, $"Scheduler configuration '{source}' is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>
    /// The scheduler <see cref="ClassName"/> asks for. DDIM, Euler, Euler ancestral and LCM map to themselves.
    /// Other diffusers classes fall back, with a note: PNDM, DDPM, DPM-Solver (multistep/singlestep), DEIS and
    /// UniPC to DDIM (same ᾱ schedule and timestep offsets); LMS, Heun and KDPM2 to Euler; KDPM2 ancestral and
    /// DPM-Solver SDE to Euler ancestral. A missing class name means DDIM with a note.
    /// </summary>
    /// <exception cref="SchedulerConfigException">The class has no sensible stand-in (flow matching, EDM, …).</exception>
    public SchedulerChoice DefaultChoice()
    {
        if (ClassName is null)
        {
            return new SchedulerChoice(SchedulerKind.Ddim, $"Scheduler configuration '{Source}' names no class; using DDIM.");
        }
        if (Implemented.TryGetValue(ClassName, out SchedulerKind kind))
        {
            return new SchedulerChoice(kind, null);
        }
        if (DdimFamily.Contains(ClassName))
        {
            return new SchedulerChoice(
                SchedulerKind.Ddim,
                $"{ClassName} is not implemented; using DDIM with the same noise schedule and timestep spacing.");
        }
        if (SigmaFamily.TryGetValue(ClassName, out kind))
        {
            return new SchedulerChoice(
                kind,
                $"{ClassName} is not implemented; using {(kind == SchedulerKind.Euler ? "Euler" : "Euler ancestral")} with the same noise schedule.");
        }
        throw new SchedulerConfigException(
            Source,
            $"Scheduler configuration '{Source}' asks for {ClassName}, which the studio cannot run or stand in for. "
            + "Choose DDIM, Euler, Euler ancestral or LCM for this pack.");
    }

    /// <summary>
    /// The settings for running <paramref name="kind"/> with this configuration: each setting the file gives,
    /// otherwise the diffusers default of that scheduler class.
    /// </summary>
    /// <remarks>Settings the chosen class does not have are ignored (Karras sigmas, continuous timesteps and the
    /// final-sigma type apply to Euler only; thresholding to DDIM and LCM only).</remarks>
    /// <exception cref="SchedulerConfigException">The configuration asks <paramref name="kind"/> for an option the
    /// studio does not implement (dynamic thresholding, exponential/beta sigmas, log-linear interpolation), or a
    /// value is out of range.</exception>
    public SchedulerSettings Resolve(SchedulerKind kind)
    {
        SchedulerSettings defaults = DiffusersDefaults(kind);
        bool sigmaBased = kind is SchedulerKind.Euler or SchedulerKind.EulerAncestral;

        // Options a diffusers class does not have are ignored for it, as from_config ignores them; options it has
        // but this library does not implement are refused rather than silently dropped.
        if (!sigmaBased && Thresholding == true)
        {
            Refuse("thresholding = true (dynamic thresholding)");
        }
        if (kind == SchedulerKind.Euler && UseExponentialSigmas == true)
        {
            Refuse("use_exponential_sigmas = true");
        }
        if (kind == SchedulerKind.Euler && UseBetaSigmas == true)
        {
            Refuse("use_beta_sigmas = true");
        }
        if (kind == SchedulerKind.Euler && InterpolationType is not null && InterpolationType != "linear")
        {
            Refuse($"interpolation_type = \"{InterpolationType}\"");
        }

        var settings = new SchedulerSettings
        {
            NumTrainTimesteps = NumTrainTimesteps ?? defaults.NumTrainTimesteps,
            BetaStart = BetaStart ?? defaults.BetaStart,
            BetaEnd = BetaEnd ?? defaults.BetaEnd,
            BetaSchedule = BetaSchedule ?? defaults.BetaSchedule,
            TrainedBetas = TrainedBetas,
            PredictionType = PredictionType ?? defaults.PredictionType,
            TimestepSpacing = TimestepSpacing ?? defaults.TimestepSpacing,
            StepsOffset = StepsOffset ?? defaults.StepsOffset,
            SetAlphaToOne = SetAlphaToOne ?? defaults.SetAlphaToOne,
            ClipSample = ClipSample ?? defaults.ClipSample,
            ClipSampleRange = ClipSampleRange ?? defaults.ClipSampleRange,
            RescaleBetasZeroSnr = RescaleBetasZeroSnr ?? defaults.RescaleBetasZeroSnr,
            UseKarrasSigmas = kind == SchedulerKind.Euler && (UseKarrasSigmas ?? defaults.UseKarrasSigmas),
            SigmaMin = SigmaMin,
            SigmaMax = SigmaMax,
            TimestepType = kind == SchedulerKind.Euler ? TimestepType ?? defaults.TimestepType : SigmaTimestepType.Discrete,
            FinalSigma = kind == SchedulerKind.Euler ? FinalSigma ?? defaults.FinalSigma : Schedulers.FinalSigma.Zero,
            OriginalInferenceSteps = OriginalInferenceSteps ?? defaults.OriginalInferenceSteps,
            TimestepScaling = TimestepScaling ?? defaults.TimestepScaling,
        };
        string? problem = SchedulerValidation.FindProblem(settings);
        if (problem is not null)
        {
            throw new SchedulerConfigException(Source, $"Scheduler configuration '{Source}': {problem}");
        }
        return settings;
    }

    /// <summary>
    /// The constructor defaults of the diffusers class behind <paramref name="kind"/>: DDIM (linear β
    /// 0.0001–0.02, clip_sample and set_alpha_to_one true, leading), Euler and Euler ancestral (linear β,
    /// linspace), LCM (scaled-linear β 0.00085–0.012, set_alpha_to_one true, 50 original steps, scaling 10).
    /// </summary>
    public static SchedulerSettings DiffusersDefaults(SchedulerKind kind) => kind switch
    {
        SchedulerKind.Ddim => new SchedulerSettings
        {
            ClipSample = true,
            SetAlphaToOne = true,
            TimestepSpacing = Schedulers.TimestepSpacing.Leading,
        },
        SchedulerKind.Euler or SchedulerKind.EulerAncestral => new SchedulerSettings
        {
            TimestepSpacing = Schedulers.TimestepSpacing.Linspace,
        },
        SchedulerKind.Lcm => new SchedulerSettings
        {
            BetaStart = 0.00085,
            BetaEnd = 0.012,
            BetaSchedule = Schedulers.BetaSchedule.ScaledLinear,
            SetAlphaToOne = true,
            TimestepSpacing = Schedulers.TimestepSpacing.Leading,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown scheduler kind."),
    };

    private void Refuse(string option) =>
        throw new SchedulerConfigException(
            Source,
            $"Scheduler configuration '{Source}' sets {option}, which the studio's schedulers do not implement. "
            + "Remove the setting or choose another scheduler.");

    private readonly struct SettingReader(JsonElement root, string source)
    {
        public string? String(string key) =>
            Get(key) is { } value
                ? value.ValueKind == JsonValueKind.String ? value.GetString() : throw Malformed(key, "a string")
                : null;

        public int? Integer(string key) =>
            Get(key) is { } value
                ? value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int number) ? number : throw Malformed(key, "an integer")
                : null;

        public double? Number(string key) =>
            Get(key) is { } value
                ? value.ValueKind == JsonValueKind.Number ? value.GetDouble() : throw Malformed(key, "a number")
                : null;

        public bool? Boolean(string key) =>
            Get(key) is { } value
                ? value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : throw Malformed(key, "true or false")
                : null;

        public IReadOnlyList<double>? NumberList(string key)
        {
            if (Get(key) is not { } value)
            {
                return null;
            }
            if (value.ValueKind != JsonValueKind.Array)
            {
                throw Malformed(key, "an array of numbers");
            }
            var numbers = new List<double>(value.GetArrayLength());
            foreach (JsonElement item in value.EnumerateArray())
            {
                numbers.Add(item.ValueKind == JsonValueKind.Number ? item.GetDouble() : throw Malformed(key, "an array of numbers"));
            }
            return numbers.AsReadOnly();
        }

        public T? Choice<T>(string key, Dictionary<string, T> choices)
            where T : struct
        {
            string? text = String(key);
            if (text is null)
            {
                return null;
            }
            return choices.TryGetValue(text, out T choice)
                ? choice
                : throw new SchedulerConfigException(
                    source,
                    $"Scheduler configuration '{source}': \"{key}\" is \"{text}\"; expected one of "
                    + string.Join(", ", choices.Keys.Select(k => $"\"{k}\"")) + ".");
        }

        private JsonElement? Get(string key) =>
            root.TryGetProperty(key, out JsonElement value) && value.ValueKind != JsonValueKind.Null ? value : null;

        private SchedulerConfigException Malformed(string key, string expected) =>
            new(source, string.Create(CultureInfo.InvariantCulture, $"Scheduler configuration '{source}': \"{key}\" must be {expected}."));
    }
}
