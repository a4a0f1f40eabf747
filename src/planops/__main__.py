from planops.cli import entry

entry()
