namespace ExplainerStudio.Web.Collaboration.Changes;

/// <summary>What a committed <see cref="ProjectChange"/> is about; pages re-read only what their kinds touch.</summary>
public enum ProjectChangeKind
{
    Project,
    Scene,
    Shot,
    Character,
    ReferenceSet,
    TakeSelection,
    TimelineCut,
    Comment,
    Approval,
    Membership,
    Score,
}
