package unnamedexample_test

func ExampleHidden() {}
