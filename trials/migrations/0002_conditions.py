"""The conditions every database starts with, under the slugs the questionnaire relies on."""

from django.db import migrations

# slug, medical name, everyday name, parent slug, registry terms that mean it
CONDITIONS = [
    ("sle", "Systemic lupus erythematosus", "Lupus (SLE)", None,
     ["systemic lupus erythematosus", "lupus erythematosus, systemic", "sle", "lupus",
      "systemic lupus", "systemic lupus erythematous", "lupus erythematosus",
      "refractory lupus", "refractory systemic lupus erythematosus", "active sle",
      "active systemic lupus erythematosus", "lupus erythematosus systemic"]),
    ("lupus-nephritis", "Lupus nephritis", "Lupus affecting the kidneys", "sle",
     ["lupus nephritis", "lupus glomerulonephritis", "nephritis, lupus", "sle nephritis",
      "proliferative lupus nephritis", "class iii lupus nephritis", "class iv lupus nephritis",
      "class v lupus nephritis", "active lupus nephritis", "lupus nephritis - who class iii",
      "lupus nephropathy"]),
    ("cutaneous-lupus", "Cutaneous lupus erythematosus", "Lupus of the skin", "sle",
     ["cutaneous lupus erythematosus", "cutaneous lupus", "discoid lupus erythematosus",
      "discoid lupus", "subacute cutaneous lupus erythematosus", "lupus erythematosus, cutaneous",
      "lupus erythematosus, discoid", "chronic cutaneous lupus erythematosus"]),
    ("antiphospholipid-syndrome", "Antiphospholipid syndrome", "Antiphospholipid syndrome (APS)",
     None, ["antiphospholipid syndrome", "antiphospholipid antibody syndrome", "aps",
            "hughes syndrome", "lupus anticoagulant", "antiphospholipid antibodies"]),
    ("rheumatoid-arthritis", "Rheumatoid arthritis", "Rheumatoid arthritis (RA)", None,
     ["rheumatoid arthritis", "arthritis, rheumatoid", "ra", "juvenile rheumatoid arthritis",
      "juvenile idiopathic arthritis", "arthritis, juvenile", "arthritis, juvenile rheumatoid"]),
    ("sjogrens", "Sjögren's disease", "Sjögren's (dry eyes and mouth)", None,
     ["sjogren's syndrome", "sjogren syndrome", "sjögren's syndrome", "sjögren syndrome",
      "primary sjogren's syndrome", "primary sjögren's syndrome", "sjogrens syndrome",
      "sjogren's disease", "sjögren's disease", "sicca syndrome", "keratoconjunctivitis sicca, in sjogren's syndrome"]),
    ("systemic-sclerosis", "Systemic sclerosis", "Scleroderma (systemic sclerosis)", None,
     ["systemic sclerosis", "scleroderma", "scleroderma, systemic", "diffuse cutaneous systemic sclerosis",
      "limited cutaneous systemic sclerosis", "scleroderma, diffuse", "ssc",
      "systemic scleroderma", "diffuse scleroderma", "sclerosis, progressive systemic",
      "scleroderma, limited", "interstitial lung disease due to systemic disease"]),
    ("myositis", "Idiopathic inflammatory myopathy", "Myositis (muscle inflammation)", None,
     ["myositis", "dermatomyositis", "polymyositis", "inflammatory myopathy",
      "idiopathic inflammatory myopathies", "idiopathic inflammatory myopathy",
      "inclusion body myositis", "juvenile dermatomyositis", "antisynthetase syndrome"]),
    ("vasculitis", "Vasculitis", "Vasculitis (inflamed blood vessels)", None,
     ["vasculitis", "anca-associated vasculitis", "anca associated vasculitis",
      "granulomatosis with polyangiitis", "wegener granulomatosis", "microscopic polyangiitis",
      "giant cell arteritis", "takayasu arteritis", "behcet syndrome", "behcet's disease",
      "polyarteritis nodosa", "eosinophilic granulomatosis with polyangiitis"]),
    ("multiple-sclerosis", "Multiple sclerosis", "Multiple sclerosis (MS)", None,
     ["multiple sclerosis", "ms", "relapsing multiple sclerosis", "relapsing-remitting multiple sclerosis",
      "multiple sclerosis, relapsing-remitting", "progressive multiple sclerosis",
      "primary progressive multiple sclerosis", "secondary progressive multiple sclerosis",
      "multiple sclerosis, chronic progressive", "rrms", "spms", "ppms",
      "clinically isolated syndrome", "relapsing remitting multiple sclerosis",
      "multiple sclerosis, primary progressive", "multiple sclerosis, secondary progressive", "progressive relapsing multiple sclerosis"]),
    ("neuromyelitis-optica", "Neuromyelitis optica spectrum disorder", "Neuromyelitis optica (NMO)",
     None, ["neuromyelitis optica", "neuromyelitis optica spectrum disorder", "nmo", "nmosd",
            "devic's disease", "neuromyelitis optica spectrum disorders"]),
    ("myasthenia-gravis", "Myasthenia gravis", "Myasthenia gravis", None,
     ["myasthenia gravis", "generalized myasthenia gravis", "mg", "ocular myasthenia gravis"]),
    ("type-1-diabetes", "Type 1 diabetes", "Type 1 diabetes", None,
     ["type 1 diabetes", "type 1 diabetes mellitus", "diabetes mellitus, type 1", "t1d",
      "t1dm", "insulin-dependent diabetes mellitus", "iddm", "juvenile diabetes",
      "diabetes mellitus, insulin-dependent", "type1diabetes", "diabetes type1", "diabetes type 1", "type 1 diabetes (t1d)",
      "autoimmune diabetes", "latent autoimmune diabetes in adults"]),
    ("ibd", "Inflammatory bowel disease", "Crohn's disease or ulcerative colitis (IBD)", None,
     ["inflammatory bowel disease", "inflammatory bowel diseases", "ibd", "crohn disease",
      "crohn's disease", "crohns disease", "ulcerative colitis", "colitis, ulcerative",
      "perianal crohn disease", "perianal fistula", "fistulizing crohn's disease",
      "crohn's perianal fistula", "perianal fistulizing crohn's disease", "crohn's colitis",
      "pouchitis", "crohn", "crohn colitis", "crohn's fistula", "perianal crohn's disease"]),
    ("psoriasis", "Psoriasis and psoriatic arthritis", "Psoriasis or psoriatic arthritis", None,
     ["psoriasis", "plaque psoriasis", "psoriatic arthritis", "arthritis, psoriatic",
      "psoriasis vulgaris", "chronic plaque psoriasis", "moderate to severe plaque psoriasis"]),
    ("axial-spondyloarthritis", "Axial spondyloarthritis", "Axial spondyloarthritis (including AS)",
     None, ["axial spondyloarthritis", "ankylosing spondylitis", "spondylitis, ankylosing",
            "spondyloarthritis", "axspa", "non-radiographic axial spondyloarthritis", "nr-axspa",
            "spondylarthritis", "spondyloarthropathies"]),
    ("autoimmune-liver-disease", "Autoimmune liver disease", "Autoimmune liver disease", None,
     ["autoimmune hepatitis", "hepatitis, autoimmune", "primary sclerosing cholangitis",
      "cholangitis, sclerosing", "primary biliary cholangitis", "primary biliary cirrhosis",
      "liver cirrhosis, biliary", "psc", "pbc"]),
    ("other-autoimmune", "Other autoimmune disease", "Another autoimmune disease", None,
     ["autoimmune diseases", "autoimmune disease", "autoimmune disorder", "autoimmunity",
      "autoimmunity disease", "autoimmune disorders", "immune system diseases",
      "connective tissue diseases", "mixed connective tissue disease",
      "undifferentiated connective tissue disease", "celiac disease", "alopecia areata",
      "vitiligo", "hidradenitis suppurativa", "graves disease", "hashimoto thyroiditis",
      "immune thrombocytopenia", "autoimmune hemolytic anemia", "still's disease"]),
]


def add_conditions(apps, schema_editor):
    Condition = apps.get_model("trials", "Condition")
    by_slug = {}
    for position, (slug, name, lay_name, parent, synonyms) in enumerate(CONDITIONS):
        condition, _ = Condition.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "lay_name": lay_name,
                "parent": by_slug.get(parent),
                "synonyms": "\n".join(synonyms),
                "position": position * 10,
            },
        )
        by_slug[slug] = condition


def remove_conditions(apps, schema_editor):
    Condition = apps.get_model("trials", "Condition")
    Condition.objects.filter(slug__in=[row[0] for row in CONDITIONS]).delete()


class Migration(migrations.Migration):
    dependencies = [("trials", "0001_initial")]

    operations = [migrations.RunPython(add_conditions, remove_conditions)]
