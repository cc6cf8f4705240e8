package querygen

// RuleNames is ruleNames, for the test that checks each names something in the schema.
var RuleNames = ruleNames
