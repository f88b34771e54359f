// Package mysql stands for the MySQL driver: importing it says that a
// package's queries are MySQL.
package mysql

type MySQLDriver struct{}
