"""Sites the registry names only by a code get a name that says where they are."""

from trials.site_names import is_code, site_name


def test_a_code_instead_of_a_name_becomes_the_place():
    assert site_name("Investigational Site Number : 0320002", "Lyon", "", "France") == (
        "A study site in Lyon, France"
    )
    assert site_name("As0006 208", "Camperdown", "New South Wales", "Australia") == (
        "A study site in Camperdown, Australia"
    )
    assert site_name("Research Site", "Charleston", "South Carolina", "United States") == (
        "A study site in Charleston, South Carolina"
    )
    assert site_name("", "", "", "") == "A study site"


def test_a_code_after_a_real_name_is_dropped():
    assert site_name("Hospital do Rim /ID# 253983", "São Paulo", "", "Brazil") == (
        "Hospital do Rim"
    )
    assert site_name('"Medical Center Artmed" Ltd /Id# 254572', "Sofia", "", "Bulgaria") == (
        '"Medical Center Artmed" Ltd'
    )
    assert site_name(
        "CPQuali Pesquisa Clinica - São Paulo- Site Number : 0760007", "", "", "Brazil"
    ) == ("CPQuali Pesquisa Clinica - São Paulo")


def test_real_names_with_numbers_are_left_alone():
    for name in (
        "Beijing 302 Hospital",
        "Wits Clinical Research Site",
        "Springfield Clinic 1st - 800 Building",
        "Medical University of South Carolina",
    ):
        assert not is_code(name)
        assert site_name(name, "Anywhere", "", "France") == name
