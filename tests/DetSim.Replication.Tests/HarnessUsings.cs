// The neutral history, checker, routing and phase types live in DetSim.Harness (issue #13); these
// usings keep this project's files as they were.
global using DetSim.Harness.Checking;
global using DetSim.Harness.History;
global using DetSim.Harness.Routing;
global using DetSim.Harness.Scenarios;
// The scripted model cluster both suites share (tests/Shared).
global using DetSim.Tests.Shared;
