// The neutral history and checker types moved to DetSim.Harness (issue #13); these usings keep
// this project's files as they were.
global using DetSim.Harness.Checking;
global using DetSim.Harness.History;
