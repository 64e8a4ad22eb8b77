using ExplainerStudio.Generation.Schedulers;

namespace ExplainerStudio.Generation.Tests.Schedulers;

public sealed class SchedulerConfigTests : IDisposable
{
    // Stable Diffusion 1.5's scheduler/scheduler_config.json as published.
    private const string Sd15Json = """
        {
          "_class_name": "PNDMScheduler",
          "_diffusers_version": "0.6.0",
          "beta_end": 0.012,
          "beta_schedule": "scaled_linear",
          "beta_start": 0.00085,
          "num_train_timesteps": 1000,
          "set_alpha_to_one": false,
          "skip_prk_steps": true,
          "steps_offset": 1,
          "trained_betas": null,
          "clip_sample": false
        }
        """;

    private readonly string _file = Path.Combine(Path.GetTempPath(), "es-scheduler-" + Guid.NewGuid().ToString("N") + ".json");

    public void Dispose() => File.Delete(_file);

    [Fact]
    public void Load_ReadsTheStableDiffusionConfigAndFallsBackFromPndmToDdim()
    {
        File.WriteAllText(_file, Sd15Json);

        SchedulerConfig config = SchedulerConfig.Load(_file);
        SchedulerChoice choice = config.DefaultChoice();
        SchedulerSettings settings = config.Resolve(choice.Kind);

        Assert.Equal(SchedulerKind.Ddim, choice.Kind);
        Assert.Contains("PNDMScheduler is not implemented; using DDIM", choice.FallbackNote, StringComparison.Ordinal);
        Assert.Equal(BetaSchedule.ScaledLinear, settings.BetaSchedule);
        Assert.Equal(0.00085, settings.BetaStart);
        Assert.Equal(1, settings.StepsOffset);
        Assert.False(settings.SetAlphaToOne);
        Assert.False(settings.ClipSample);
        Assert.Equal(TimestepSpacing.Leading, settings.TimestepSpacing);
        Assert.Equal(config with { Source = SchedulerConfig.StableDiffusion15.Source }, SchedulerConfig.StableDiffusion15 with { });
    }

    [Fact]
    public void Resolve_FillsMissingSettingsWithTheChosenClassDefaults()
    {
        SchedulerConfig config = SchedulerConfig.Parse(Sd15Json, "sd15");

        SchedulerSettings euler = config.Resolve(SchedulerKind.Euler);
        SchedulerSettings ddim = SchedulerConfig.Parse("""{"_class_name": "DDIMScheduler"}""", "bare").Resolve(SchedulerKind.Ddim);

        // Euler's default spacing is linspace, so SD 1.5 + Euler walks 999 … 0 as in diffusers.
        Assert.Equal(TimestepSpacing.Linspace, euler.TimestepSpacing);
        Assert.Equal(BetaSchedule.ScaledLinear, euler.BetaSchedule);
        Assert.True(ddim.ClipSample);
        Assert.True(ddim.SetAlphaToOne);
        Assert.Equal(BetaSchedule.Linear, ddim.BetaSchedule);
        Assert.Equal(0.0001, ddim.BetaStart);
    }

    [Theory]
    [InlineData("DDIMScheduler", SchedulerKind.Ddim)]
    [InlineData("EulerDiscreteScheduler", SchedulerKind.Euler)]
    [InlineData("EulerAncestralDiscreteScheduler", SchedulerKind.EulerAncestral)]
    [InlineData("LCMScheduler", SchedulerKind.Lcm)]
    public void DefaultChoice_ImplementedClassesNeedNoNote(string className, SchedulerKind kind)
    {
        SchedulerConfig config = SchedulerConfig.Parse($$"""{"_class_name": "{{className}}"}""", "test");

        (IScheduler scheduler, SchedulerChoice choice) = SchedulerFactory.CreateDefault(config);

        Assert.Equal(kind, choice.Kind);
        Assert.Null(choice.FallbackNote);
        Assert.Equal(kind, scheduler.Kind);
    }

    [Theory]
    [InlineData("DPMSolverMultistepScheduler", SchedulerKind.Ddim)]
    [InlineData("LMSDiscreteScheduler", SchedulerKind.Euler)]
    [InlineData("KDPM2AncestralDiscreteScheduler", SchedulerKind.EulerAncestral)]
    public void DefaultChoice_RelatedClassesFallBackWithANote(string className, SchedulerKind kind)
    {
        SchedulerChoice choice = SchedulerConfig.Parse($$"""{"_class_name": "{{className}}"}""", "test").DefaultChoice();

        Assert.Equal(kind, choice.Kind);
        Assert.StartsWith(className + " is not implemented", choice.FallbackNote, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultChoice_FlowMatchingIsRefusedWithAnActionableMessage()
    {
        SchedulerConfig config = SchedulerConfig.Parse("""{"_class_name": "FlowMatchEulerDiscreteScheduler"}""", "flux/scheduler_config.json");

        SchedulerConfigException error = Assert.Throws<SchedulerConfigException>(config.DefaultChoice);

        Assert.Contains("asks for FlowMatchEulerDiscreteScheduler", error.Message, StringComparison.Ordinal);
        Assert.Contains("Choose DDIM, Euler, Euler ancestral or LCM", error.Message, StringComparison.Ordinal);
        Assert.Equal("flux/scheduler_config.json", error.ConfigurationSource);
    }

    [Fact]
    public void DefaultChoice_MissingClassNameMeansDdimWithANote()
    {
        SchedulerChoice choice = SchedulerConfig.Parse("{}", "anonymous").DefaultChoice();

        Assert.Equal(SchedulerKind.Ddim, choice.Kind);
        Assert.NotNull(choice.FallbackNote);
    }

    [Fact]
    public void Parse_ReadsEnumsAndOptionalSettings()
    {
        SchedulerConfig config = SchedulerConfig.Parse(
            """
            {
              "_class_name": "EulerDiscreteScheduler", "prediction_type": "v_prediction", "timestep_spacing": "trailing",
              "use_karras_sigmas": true, "sigma_min": 0.002, "sigma_max": 700.0, "timestep_type": "continuous",
              "final_sigmas_type": "sigma_min", "rescale_betas_zero_snr": false, "interpolation_type": "linear"
            }
            """,
            "svd");

        SchedulerSettings settings = config.Resolve(SchedulerKind.Euler);

        Assert.Equal(PredictionType.VPrediction, settings.PredictionType);
        Assert.Equal(TimestepSpacing.Trailing, settings.TimestepSpacing);
        Assert.True(settings.UseKarrasSigmas);
        Assert.Equal(0.002, settings.SigmaMin);
        Assert.Equal(SigmaTimestepType.Continuous, settings.TimestepType);
        Assert.Equal(FinalSigma.SigmaMin, settings.FinalSigma);
    }

    [Fact]
    public void Parse_WrongValueTypeNamesTheSetting()
    {
        SchedulerConfigException error = Assert.Throws<SchedulerConfigException>(
            () => SchedulerConfig.Parse("""{"steps_offset": "1"}""", "pack/scheduler_config.json"));

        Assert.Contains("\"steps_offset\" must be an integer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownChoiceListsTheAllowedValues()
    {
        SchedulerConfigException error = Assert.Throws<SchedulerConfigException>(
            () => SchedulerConfig.Parse("""{"timestep_spacing": "sideways"}""", "x"));

        Assert.Contains("\"timestep_spacing\" is \"sideways\"; expected one of \"leading\", \"trailing\", \"linspace\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_GarbledJsonIsReported()
    {
        SchedulerConfigException error = Assert.Throws<SchedulerConfigException>(() => SchedulerConfig.Parse("{\"beta_start\": ", "x"));

        Assert.Contains("is not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFileIsReported()
    {
        SchedulerConfigException error = Assert.Throws<SchedulerConfigException>(() => SchedulerConfig.Load(_file));

        Assert.Contains("is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_RefusesOptionsTheSchedulersDoNotImplement()
    {
        SchedulerConfig thresholding = SchedulerConfig.Parse("""{"thresholding": true}""", "x");
        SchedulerConfig exponential = SchedulerConfig.Parse("""{"use_exponential_sigmas": true}""", "x");

        Assert.Throws<SchedulerConfigException>(() => thresholding.Resolve(SchedulerKind.Ddim));
        Assert.Equal(SchedulerKind.Euler, SchedulerFactory.Create(SchedulerKind.Euler, thresholding).Kind);
        SchedulerConfigException error = Assert.Throws<SchedulerConfigException>(() => exponential.Resolve(SchedulerKind.Euler));
        Assert.Contains("use_exponential_sigmas = true", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_OutOfRangeSettingsBecomeConfigErrors()
    {
        SchedulerConfig config = SchedulerConfig.Parse("""{"beta_start": 1.5}""", "bad.json");

        SchedulerConfigException error = Assert.Throws<SchedulerConfigException>(() => SchedulerFactory.Create(SchedulerKind.Ddim, config));

        Assert.Contains("beta_start (1.5)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_PassesEtaToDdimOnly()
    {
        IScheduler ddim = SchedulerFactory.Create(SchedulerKind.Ddim, SchedulerConfig.StableDiffusion15, eta: 0.5);
        IScheduler euler = SchedulerFactory.Create(SchedulerKind.Euler, SchedulerConfig.StableDiffusion15, eta: 0.5);

        Assert.Equal(0.5, ddim.Settings.Eta);
        Assert.True(ddim.NeedsStepNoise);
        Assert.Equal(0, euler.Settings.Eta);
    }

    [Fact]
    public void Resolve_IgnoresEulerOnlyOptionsForEulerAncestral()
    {
        SchedulerConfig config = SchedulerConfig.Parse(
            """{"use_karras_sigmas": true, "use_exponential_sigmas": true, "final_sigmas_type": "sigma_min"}""",
            "x");

        IScheduler ancestral = SchedulerFactory.Create(SchedulerKind.EulerAncestral, config);

        Assert.False(ancestral.Settings.UseKarrasSigmas);
        Assert.Equal(FinalSigma.Zero, ancestral.Settings.FinalSigma);
        Assert.Throws<SchedulerConfigException>(() => SchedulerFactory.Create(SchedulerKind.Euler, config));
    }
}
