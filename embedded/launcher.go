package embedded

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// FindLauncherDir locates the directory holding neo4j-launcher.jar and its lib/ folder. It tries, in order:
//
//  1. $NEO4J_LAUNCHER_DIR, if set (and then nothing else);
//  2. <directory of the running executable>/neo4j, where `make build` puts the launcher next to the binary;
//  3. neo4jlauncher/target in the working directory or any parent of it, the Maven build output, so that
//     `go test` works from any package.
//
// getenv is usually os.Getenv. The error names every place tried and says how to build the launcher.
func FindLauncherDir(getenv func(string) string) (string, error) {
	if dir := getenv(EnvLauncherDir); dir != "" {
		if err := checkLauncherDir(dir); err != nil {
			return "", fmt.Errorf("embedded: $%s=%s: %w", EnvLauncherDir, dir, err)
		}
		return dir, nil
	}

	var tried []string
	if dir, ok := besideExecutable(); ok {
		if hasJar(dir) {
			return dir, nil
		}
		tried = append(tried, dir)
	}
	if wd, err := os.Getwd(); err == nil {
		if dir := buildOutputAbove(wd); dir != "" {
			return dir, nil
		}
		tried = append(tried, filepath.Join(wd, "neo4jlauncher", "target")+" and the same under every parent directory")
	}

	return "", fmt.Errorf("embedded: %s not found; $%s is not set, tried %s. "+
		"Build it with `make launcher` (mvn -q -B -f neo4jlauncher/pom.xml package -DskipTests) "+
		"or set $%s to a directory holding %s and lib/",
		LauncherJar, EnvLauncherDir, strings.Join(tried, "; "), EnvLauncherDir, LauncherJar)
}

// besideExecutable returns the neo4j directory next to the running executable, symlinks resolved. It
// reports false if the executable's path is unknown.
func besideExecutable() (string, bool) {
	exe, err := os.Executable()
	if err != nil {
		return "", false
	}
	if resolved, err := filepath.EvalSymlinks(exe); err == nil {
		exe = resolved
	}
	return filepath.Join(filepath.Dir(exe), "neo4j"), true
}

// buildOutputAbove returns the first neo4jlauncher/target holding the launcher jar in dir or one of its
// parents, or "" if there is none.
func buildOutputAbove(dir string) string {
	for {
		target := filepath.Join(dir, "neo4jlauncher", "target")
		if hasJar(target) {
			return target
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// checkLauncherDir returns an error saying what is missing unless dir holds the launcher jar and lib/.
func checkLauncherDir(dir string) error {
	if !hasJar(dir) {
		return fmt.Errorf("embedded: no %s in %s; run `make launcher`", LauncherJar, dir)
	}
	if fi, err := os.Stat(filepath.Join(dir, "lib")); err != nil || !fi.IsDir() {
		return fmt.Errorf("embedded: no lib/ folder next to %s; run `make launcher`",
			filepath.Join(dir, LauncherJar))
	}
	return nil
}

// hasJar reports whether dir holds the launcher jar as a regular file.
func hasJar(dir string) bool {
	fi, err := os.Stat(filepath.Join(dir, LauncherJar))
	return err == nil && fi.Mode().IsRegular()
}
