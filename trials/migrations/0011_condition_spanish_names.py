"""Everyday names of the conditions 0002 seeded, in Spanish, written by our team.

Filled only where the English is still the one we translated and no Spanish was written.
"""

from django.db import migrations

# slug: (everyday name as seeded, in Spanish)
SPANISH_NAMES = {
    "sle": ("Lupus (SLE)", "Lupus (LES)"),
    "lupus-nephritis": ("Lupus affecting the kidneys", "Lupus que afecta los riñones"),
    "cutaneous-lupus": ("Lupus of the skin", "Lupus de la piel"),
    "antiphospholipid-syndrome": (
        "Antiphospholipid syndrome (APS)",
        "Síndrome antifosfolípido (SAF)",
    ),
    "rheumatoid-arthritis": ("Rheumatoid arthritis (RA)", "Artritis reumatoide (AR)"),
    "sjogrens": ("Sjögren's (dry eyes and mouth)", "Síndrome de Sjögren (ojos y boca secos)"),
    "systemic-sclerosis": (
        "Scleroderma (systemic sclerosis)",
        "Esclerodermia (esclerosis sistémica)",
    ),
    "myositis": ("Myositis (muscle inflammation)", "Miositis (músculos inflamados)"),
    "vasculitis": (
        "Vasculitis (inflamed blood vessels)",
        "Vasculitis (vasos sanguíneos inflamados)",
    ),
    "multiple-sclerosis": ("Multiple sclerosis (MS)", "Esclerosis múltiple (EM)"),
    "neuromyelitis-optica": ("Neuromyelitis optica (NMO)", "Neuromielitis óptica (NMO)"),
    "myasthenia-gravis": ("Myasthenia gravis", "Miastenia gravis"),
    "type-1-diabetes": ("Type 1 diabetes", "Diabetes tipo 1"),
    "ibd": (
        "Crohn's disease or ulcerative colitis (IBD)",
        "Enfermedad de Crohn o colitis ulcerosa (EII)",
    ),
    "psoriasis": ("Psoriasis or psoriatic arthritis", "Psoriasis o artritis psoriásica"),
    "axial-spondyloarthritis": (
        "Axial spondyloarthritis (including AS)",
        "Espondiloartritis axial (incluye la espondilitis anquilosante)",
    ),
    "autoimmune-liver-disease": (
        "Autoimmune liver disease",
        "Enfermedad autoinmune del hígado",
    ),
    "other-autoimmune": ("Another autoimmune disease", "Otra enfermedad autoinmune"),
}


def add_spanish_names(apps, schema_editor):
    Condition = apps.get_model("trials", "Condition")
    for slug, (english, spanish) in SPANISH_NAMES.items():
        Condition.objects.filter(slug=slug, lay_name=english, lay_name_es="").update(
            lay_name_es=spanish
        )


class Migration(migrations.Migration):
    dependencies = [("trials", "0010_spanish_text")]

    operations = [migrations.RunPython(add_spanish_names, migrations.RunPython.noop)]
