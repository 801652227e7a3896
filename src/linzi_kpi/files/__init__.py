"""The files a user names, in and out: spreadsheet returns read (``spreadsheet``, the only
importer of openpyxl, python-calamine and xlrd; ``returns``, a sheet's rows as record fields;
``intake``, many returns at once), fill-in templates written (``returns``, ``templates``), and
every output file written whole or not at all (``output``).
"""
