// Package models answers tenantrepo's questions about the code: which
// structs are tenant models (Find), where a package instantiates a
// repository type with a model (PackageLevelInstances), and which types
// repository.methods may recognise by their methods (MethodRepos). The
// module index runs the same scans on every package of the module.
package models
