"""What a server process does as it starts (findatrial.wsgi), before its first request."""

import importlib

import findatrial.wsgi
from trials import places


def test_a_server_process_reads_the_zip_code_table_before_its_first_patient():
    places._zip_table.cache_clear()

    importlib.reload(findatrial.wsgi)

    assert places._zip_table.cache_info().currsize == 1
    assert places.zip_coordinates("29425") is not None
