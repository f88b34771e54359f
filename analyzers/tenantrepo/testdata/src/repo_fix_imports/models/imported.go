package models

import (
	"unicode/utf8"

	"repo_fix_imports/tenant"
)

// The file already imports the repository package: only the declaration
// is inserted.
type User struct { // want `^User is tenant-scoped \(embeds tenant\.Model\) but has no tenant-aware repository; declare one at package level, e.g\. var UserRepo = tenant\.NewRepository\[User\]\("users"\)$`
	tenant.Model
	Name string
}

func (u User) NameLen() int { return utf8.RuneCountInString(u.Name) }
