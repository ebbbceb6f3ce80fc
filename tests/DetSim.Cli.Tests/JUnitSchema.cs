using System.Xml;
using System.Xml.Schema;

namespace DetSim.Cli.Tests;

/// <summary>Validates a JUnit file against Jenkins' junit-10.xsd (Schemas/jenkins-junit-10.xsd says where it comes from).</summary>
internal static class JUnitSchema
{
    public static IReadOnlyList<string> Problems(string path)
    {
        var problems = new List<string>();
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) problems.Add("starts with a UTF-8 byte-order mark");
        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(Detsim.Repo, "tests", "DetSim.Cli.Tests", "Schemas", "jenkins-junit-10.xsd"));
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => problems.Add($"{e.Severity} at {e.Exception?.LineNumber}:{e.Exception?.LinePosition}: {e.Message}");
        using (XmlReader reader = XmlReader.Create(path, settings))
            while (reader.Read()) { }
        return problems;
    }
}
