package embedded

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// FindLauncherDir locates the directory holding neo4j-launcher.jar and its
// lib/ folder. It tries, in order:
//
//  1. $NEO4J_LAUNCHER_DIR, if set (and then nothing else);
//  2. <directory of the running executable>/neo4j, where `make build` puts
//     the launcher next to the binary;
//  3. neo4jlauncher/target in the working directory or any parent of it, the
//     Maven build output, so that `go test` works from any package.
//
// getenv is usually os.Getenv. The error names every place tried and says how
// to build the launcher.
func FindLauncherDir(getenv func(string) string) (string, error) {
	if dir := getenv(EnvLauncherDir); dir != "" {
		if err := checkLauncherDir(dir); err != nil {
			return "", fmt.Errorf("embedded: $%s=%s: %w", EnvLauncherDir, dir, err)
		}
		return dir, nil
	}

	var tried []string
	if exe, err := os.Executable(); err == nil {
		if resolved, err := filepath.EvalSymlinks(exe); err == nil {
			exe = resolved
		}
		dir := filepath.Join(filepath.Dir(exe), "neo4j")
		if hasJar(dir) {
			return dir, nil
		}
		tried = append(tried, dir)
	}

	if wd, err := os.Getwd(); err == nil {
		for d := wd; ; {
			dir := filepath.Join(d, "neo4jlauncher", "target")
			if hasJar(dir) {
				return dir, nil
			}
			parent := filepath.Dir(d)
			if parent == d {
				break
			}
			d = parent
		}
		tried = append(tried, filepath.Join(wd, "neo4jlauncher", "target")+" and the same under every parent directory")
	}

	return "", fmt.Errorf("embedded: %s not found; $%s is not set, tried %s. "+
		"Build it with `make launcher` (mvn -q -B -f neo4jlauncher/pom.xml package -DskipTests) "+
		"or set $%s to a directory holding %s and lib/",
		LauncherJar, EnvLauncherDir, strings.Join(tried, "; "), EnvLauncherDir, LauncherJar)
}

// checkLauncherDir reports whether dir looks like a launcher directory.
func checkLauncherDir(dir string) error {
	if !hasJar(dir) {
		return fmt.Errorf("embedded: no %s in %s; run `make launcher`", LauncherJar, dir)
	}
	if fi, err := os.Stat(filepath.Join(dir, "lib")); err != nil || !fi.IsDir() {
		return errors.New("embedded: no lib/ folder next to " + filepath.Join(dir, LauncherJar) + "; run `make launcher`")
	}
	return nil
}

func hasJar(dir string) bool {
	fi, err := os.Stat(filepath.Join(dir, LauncherJar))
	return err == nil && fi.Mode().IsRegular()
}
