package models

func OrderRepo() {}
