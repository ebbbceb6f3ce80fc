namespace DetSim.Specs;

/// <summary>
/// YamlDotNet's syntax errors, said in terms of what a spec allows at that point. The position
/// (file:line:col) comes with the error; these sentences say what was expected there.
/// </summary>
internal static class YamlMessages
{
    private const string Shape = "a spec is `key: value` lines indented with spaces, lists as `- item` lines or [a, b], mappings as nested lines or { key: value }";

    private static readonly (string Starts, string Says)[] Known =
    [
        ("While parsing a block mapping, did not find expected key", "malformed YAML: expected `key: value` at this indentation (a line indented less or more than the keys beside it, or an unclosed quote or bracket above)"),
        ("While scanning a simple key, could not find expected ':'", "malformed YAML: a key without ':' (write `key: value`; quote a value that spans lines)"),
        ("Mapping values are not allowed in this context", "malformed YAML: a ':' where a plain value was expected (quote a value that contains ': ', or put `key: value` on a line of its own)"),
        ("While parsing a block collection, did not find expected '-' indicator", "malformed YAML: expected `- item` at this indentation (every item of a list starts with '- ' at the same column)"),
        ("While parsing a flow sequence, did not find expected ',' or ']'", "malformed YAML: expected ',' or ']' in this [list] (items are separated by commas)"),
        ("While parsing a flow mapping, did not find expected ',' or '}'", "malformed YAML: expected ',' or '}' in this { mapping } (write { key: value, key: value })"),
        ("While scanning a quoted scalar, found unexpected end of stream", "malformed YAML: a quoted value is never closed (add the closing quote)"),
        ("While scanning a multi-line double-quoted scalar, found wrong indentation", "malformed YAML: a double-quoted value is never closed or runs onto a line indented too little (close the quote on the same line)"),
        ("While scanning a multi-line single-quoted scalar, found wrong indentation", "malformed YAML: a single-quoted value is never closed or runs onto a line indented too little (close the quote on the same line)"),
        ("While scanning a quoted scalar, found unknown escape character", "malformed YAML: an unknown backslash escape in a double-quoted value (use single quotes for text with backslashes)"),
        ("While scanning a quoted scalar, did not find expected hexdecimal number", "malformed YAML: a \\x, \\u or \\U escape without its hex digits (use single quotes for text with backslashes)"),
        ("While parsing a node, did not find expected node content", "malformed YAML: a value was expected here (a name, a number, a duration such as 2s, [a list] or { a mapping })"),
        ("While parsing a block node, did not find expected node content", "malformed YAML: a value was expected here (a name, a number, a duration such as 2s, [a list] or { a mapping })"),
        ("While parsing a flow node, did not find expected node content", "malformed YAML: a value was expected here inside the [ ] or { } (a name, a number or a nested [list] / {mapping})"),
        ("While scanning an anchor or alias, did not find expected alphabetic or numeric character", "malformed YAML: '&' or '*' starts an anchor or alias and needs a name after it (quote a value that starts with & or *)"),
        ("While scanning an alias, did not find expected alphabetic or numeric character", "malformed YAML: '*' starts an alias and needs a name after it (quote a value that starts with *)"),
        ("While scanning an anchor, did not find expected alphabetic or numeric character", "malformed YAML: '&' starts an anchor and needs a name after it (quote a value that starts with &)"),
        ("While scanning for the next token, found character that cannot start any token", "malformed YAML: this character cannot start a value ('@' and '`' are reserved: quote the value)"),
        ("While scanning a plain scalar, found unexpected ':'", "malformed YAML: a ':' inside a plain value (quote the value)"),
        ("While scanning a block scalar, found a tab character where an indentation space is expected", "tab used for indentation: YAML indents with spaces"),
        ("While scanning a block scalar", "malformed YAML: a | or > block value must be followed by a newline and lines indented more than its key"),
        ("While scanning a tag", "malformed YAML: '!' starts a tag, which a spec does not use (quote a value that starts with !)"),
        ("Found undefined tag handle", "malformed YAML: '!' starts a tag, which a spec does not use (quote a value that starts with !)"),
        ("While scanning a directive", "malformed YAML: a '%' directive line, which a spec does not use (quote a value that starts with %)"),
        ("Found incompatible YAML document", "malformed YAML: a %YAML directive for a version other than 1.1 or 1.2 (remove the directive)"),
        ("Found duplicate %YAML directive", "malformed YAML: a second %YAML directive (remove the directive)"),
        ("Did not find expected <document start>", "malformed YAML: content after the spec's end (a spec file holds one document, with no '...' before the end)"),
        ("Did not find expected <stream-start>", "malformed YAML: " + Shape),
        ("While scanning a simple key", "malformed YAML: a key longer than 1024 characters or spanning lines (keys are short names)"),
        ("While parsing a block mapping, found", "malformed YAML: expected `key: value` at this indentation"),
        ("Special characters are not allowed", "malformed YAML: a control character; a spec is plain text"),
        ("Control characters are not allowed", "malformed YAML: a control character; a spec is plain text"),
        ("Anchor", "malformed YAML: an alias refers to an anchor that is not defined before it"),
    ];

    public static string Explain(string raw)
    {
        foreach ((string starts, string says) in Known)
            if (raw.StartsWith(starts, StringComparison.Ordinal)) return says;
        return "malformed YAML: " + Shape;
    }
}
