import os

# Under any other settings (the main suite's), this host's models are not installed: collect nothing,
# even when the folder is named on the command line.
if os.environ.get("DJANGO_SETTINGS_MODULE") != "wagtail_host.settings":
    collect_ignore_glob = ["*.py"]
