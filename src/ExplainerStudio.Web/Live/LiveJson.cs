using System.Text.Json;
using System.Text.Json.Serialization;

namespace ExplainerStudio.Web.Live;

/// <summary>
/// The one JSON shape of live updates between processes. System.Text.Json writes numbers and dates culture-free;
/// enums go by name so that a node with a newer enum cannot be misread as another value by number; computed properties
/// (a fraction, "is final") are not sent, and a member the receiver does not know fails the message instead of being
/// dropped silently, which is what a version mismatch looks like.
/// </summary>
public static class LiveJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
        IgnoreReadOnlyProperties = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };
}
