package models

func (auditor) scope(orgID string) {}
