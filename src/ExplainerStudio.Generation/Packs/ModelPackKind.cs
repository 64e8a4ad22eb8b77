namespace ExplainerStudio.Generation.Packs;

/// <summary>What kind of diffusion model a pack holds, as detected from its graphs and files.</summary>
public enum ModelPackKind
{
    /// <summary>The studio's own designed-weights animatic pack.</summary>
    Previz = 0,

    /// <summary>Stable Diffusion 1.x: 768-wide CLIP text embeddings.</summary>
    StableDiffusion1 = 1,

    /// <summary>Stable Diffusion 2.x: 1024-wide OpenCLIP text embeddings.</summary>
    StableDiffusion2 = 2,

    /// <summary>SD-Turbo style distilled model (1024-wide, 1–4 steps, no guidance).</summary>
    Turbo = 3,

    /// <summary>Latent consistency model: the UNet takes a guidance embedding as <c>timestep_cond</c>.</summary>
    LatentConsistency = 4,

    /// <summary>Anything else that has the diffusers layout and consistent graphs.</summary>
    Custom = 5,
}
