"""Lab 5's checker, a package so that its modules can import each other."""
