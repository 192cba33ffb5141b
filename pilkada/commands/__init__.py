"""The bodies of the `pilkada` commands, one module per job; `pilkada/cli.py` only declares them."""
