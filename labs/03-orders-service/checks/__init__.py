"""Lab 3's checker, a package so that its modules can import each other."""
