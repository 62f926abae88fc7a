"""The tabs of the asset page, each a widget that fills itself from the asset's ``AssetDetail``."""
