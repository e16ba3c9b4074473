namespace Alpha.Sre.LogMining;

/// <summary>The template a line was assigned to.</summary>
/// <param name="TemplateId">The template's id; ids of templates later merged into another resolve through <see cref="LogTemplateMiner.ResolveId"/>.</param>
/// <param name="IsNew">Whether the line started a new template.</param>
/// <param name="Changed">Whether the line changed the template's text (a new template, or a token became <c>&lt;*&gt;</c>).</param>
/// <param name="Template">The template text after the line, variables written as <c>&lt;*&gt;</c>.</param>
public readonly record struct TemplateMatch(int TemplateId, bool IsNew, bool Changed, string Template);
