namespace ExplainerStudio.Web.Collaboration.Comments;

/// <summary>How much discussion a shot has (its takes' comments included), for the storyboard card.</summary>
public sealed record ShotCommentCount(int Comments, int OpenThreads);
