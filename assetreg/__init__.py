"""AssetReg: a register of assets of community value for community groups in the UK."""

__version__ = "0.1.0"
