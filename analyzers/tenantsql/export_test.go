package tenantsql

// NewTables exposes the tables analyzer to the tests of its facts.
var NewTables = newTables

// NewModels exposes the models analyzer to the tests of its facts.
var NewModels = newModels
