// The neutral history, checker, routing and phase types live in DetSim.Harness (issue #13); these
// usings keep this project's files as they were.
global using DetSim.Harness.Checking;
global using DetSim.Harness.History;
global using DetSim.Harness.Routing;
global using DetSim.Harness.Scenarios;
