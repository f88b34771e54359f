package models

import "repo_fix_table/tenant"

// TableName returns a string literal: the fix uses it.
type Person struct { // want `^Person is tenant-scoped \(embeds tenant\.Model\) but has no tenant-aware repository; declare one at package level, e\.g\. var PersonRepo = tenant\.NewRepository\[Person\]\("models\.people"\)$`
	tenant.Model
}

func (Person) TableName() string { return "people" }

const addressTable = "address_book"

// TableName, on the pointer, returns a named constant: the fix uses its
// value.
type Address struct { // want `e\.g\. var AddressRepo = tenant\.NewRepository\[Address\]\("models\.address_book"\)$`
	tenant.Model
}

func (*Address) TableName() string {
	return addressTable
}

var suffix = "s"

// TableName is not constant: the name's snake_case plural is used.
type Dyn struct { // want `"models\.dyns"\)$`
	tenant.Model
}

func (Dyn) TableName() string { return "dyn" + suffix }

// Snake case, plural.
type UserProfile struct { // want `"models\.user_profiles"\)$`
	tenant.Model
}

type Category struct { // want `"models\.categories"\)$`
	tenant.Model
}

type HTTPLog struct { // want `"models\.http_logs"\)$`
	tenant.Model
}

type Box struct { // want `"models\.boxes"\)$`
	tenant.Model
}

type Key struct { // want `"models\.keys"\)$`
	tenant.Model
}

// Each model of a group gets its declaration after the group.
type (
	Left struct { // want `"models\.lefts"\)$`
		tenant.Model
	}
	Right struct { // want `"models\.rights"\)$`
		tenant.Model
	}
)

// A comment trailing the declaration stays with it.
type Trailer struct { // want `"models\.trailers"\)$`
	tenant.Model
} // Trailer ends here.

// One-line declarations in a row: a blank line stays between the
// inserted declaration and the next one.
type Tag struct{ tenant.Model } // want `"models\.tags"\)$`
type Pin struct{ tenant.Model } // want `"models\.pins"\)$`
