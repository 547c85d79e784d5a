"""The six default sector boards from the seed workshop (DOMAIN.md)."""

# key, name as stored in an Indonesian-language workshop, name for an English one
DEFAULT_SECTORS: tuple[tuple[str, str, str], ...] = (
    ("pendidikan", "Pendidikan", "Education"),
    ("kesehatan", "Kesehatan", "Health"),
    ("lingkungan", "Lingkungan Hidup", "Environment"),
    ("adminduk", "Administrasi Kependudukan", "Civil registration"),
    ("koperasi", "Koperasi & UKM", "Cooperatives & SMEs"),
    ("kelurahan", "Kelurahan/Kecamatan", "Village & sub-district administration"),
)

MAX_SECTORS = 20
