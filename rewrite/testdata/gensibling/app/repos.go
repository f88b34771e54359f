package app

// Hand-written repositories live here.
