#!/usr/bin/python3
# tests/lib/libcni.py: runs a network configuration list the way libcni
# (github.com/containernetworking/cni/libcni) does, for the tests: Debian
# has no cnitool.
#
#   libcni.py ADD|CHECK|DEL CONFLIST CONTAINERID NETNS IFNAME CACHE [RUNTIME_CONFIG]
#
# ADD runs the plugins in order, each given the one before's result as
# prevResult, and keeps the last result in CACHE (printed too); CHECK
# runs them in order, DEL in reverse, each given the cached result. Each
# plugin's configuration is derived as SPEC.md section 3 says: cniVersion
# and name from the list, runtimeConfig from RUNTIME_CONFIG (a JSON
# object) for the capabilities the plugin declares, no capabilities. The
# plugins are looked up in CNI_PATH. A plugin that fails stops the run:
# its output is printed and the exit status is 1.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
import json
import os
import subprocess
import sys


def find(plugin_type):
    for directory in os.environ["CNI_PATH"].split(":"):
        path = os.path.join(directory, plugin_type)
        if os.access(path, os.X_OK):
            return path
    sys.exit(f"libcni.py: no plugin {plugin_type} in CNI_PATH")


def derive(conflist, plugin, runtime_config, prev):
    conf = dict(plugin)
    conf["cniVersion"] = conflist["cniVersion"]
    conf["name"] = conflist["name"]
    capabilities = conf.pop("capabilities", {})
    wanted = {key: value for key, value in runtime_config.items() if capabilities.get(key)}
    if wanted:
        conf["runtimeConfig"] = wanted
    if prev is not None:
        conf["prevResult"] = prev
    return conf


def run(command, conf, container_id, netns, ifname):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "CNI_COMMAND": command,
        "CNI_CONTAINERID": container_id,
        "CNI_NETNS": netns,
        "CNI_IFNAME": ifname,
        "CNI_PATH": os.environ["CNI_PATH"],
    }
    done = subprocess.run([find(conf["type"])], input=json.dumps(conf).encode(), env=env,
                          stdout=subprocess.PIPE)
    if done.returncode != 0:
        print(f"libcni.py: {conf['type']} {command} failed ({done.returncode}):")
        print(done.stdout.decode())
        sys.exit(1)
    return done.stdout.decode()


def main():
    command, conflist_path, container_id, netns, ifname, cache = sys.argv[1:7]
    runtime_config = json.loads(sys.argv[7]) if len(sys.argv) > 7 else {}
    with open(conflist_path) as f:
        conflist = json.load(f)
    plugins = conflist["plugins"]

    if command == "ADD":
        prev = None
        for plugin in plugins:
            output = run("ADD", derive(conflist, plugin, runtime_config, prev),
                         container_id, netns, ifname)
            prev = json.loads(output)
        with open(cache, "w") as f:
            json.dump(prev, f)
        print(json.dumps(prev, indent=4))
        return
    with open(cache) as f:
        final = json.load(f)
    order = plugins if command == "CHECK" else list(reversed(plugins))
    for plugin in order:
        run(command, derive(conflist, plugin, runtime_config, final), container_id, netns, ifname)
    if command == "DEL":
        os.unlink(cache)


main()
