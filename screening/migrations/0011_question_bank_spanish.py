"""Spanish for every question the earlier migrations seeded (0002, 0005, 0009), by our team.

Plain words (about 8th grade), usted, the words of our Spanish glossary. Each Spanish text
is filled only where the English is still the one we translated and the Spanish is empty, so
a question staff have since reworded keeps an empty Spanish field (and Spanish pages show its
English, marked lang="en") instead of a translation of words it no longer says. The
drafting terms' `reason_es` come from screening/data/question_terms.json, as in 0005.
"""

import json
from pathlib import Path

from django.db import migrations

TERMS_FILE = Path(__file__).resolve().parent.parent / "data" / "question_terms.json"

# key: {field: {English as seeded: Spanish}}; "choices": {value: {English label: Spanish}}.
SPANISH = {
    "age": {
        "wording": {"How old are you?": "¿Cuántos años tiene?"},
        "help_text": {
            "Your age in whole years today. Most studies only take people of certain ages.":
                "Su edad hoy, en años cumplidos. La mayoría de los estudios solo aceptan "
                "personas de ciertas edades.",
        },
    },
    "sex": {
        "wording": {
            "What is your sex, as written in your medical records?":
                "¿Cuál es su sexo, según sus registros médicos?",
        },
        "help_text": {
            "Some studies are only for women or only for men. They use the word the way "
            "medical records do.":
                "Algunos estudios son solo para mujeres o solo para hombres. Usan la palabra "
                "“sexo” como la usan los registros médicos.",
        },
        "choices": {"female": {"Female": "Femenino"}, "male": {"Male": "Masculino"}},
    },
    "conditions": {
        "wording": {
            "Which of these has a doctor told you that you have?":
                "¿Cuáles de estas enfermedades le ha dicho un médico que tiene?",
        },
        "help_text": {
            "Choose all that fit. If none of them fit, choose “None of these”.":
                "Elija todas las que correspondan. Si ninguna corresponde, elija “Ninguna de "
                "estas”.",
        },
    },
    "postal_code": {
        "wording": {"What is your ZIP code?": "¿Cuál es su código postal (ZIP)?"},
        "help_text": {
            "We use it only to show how far away each study is. You can skip it.":
                "Solo lo usamos para mostrarle qué tan lejos queda cada estudio. Puede saltar "
                "esta pregunta.",
        },
    },
    "travel_miles": {
        "wording": {
            "How far could you travel for study visits?":
                "¿Qué tan lejos podría viajar para las visitas del estudio?",
        },
        "help_text": {
            "Think about a trip you could make every few weeks. You can answer in miles or "
            "kilometers.":
                "Piense en un viaje que podría hacer cada pocas semanas. Puede responder en "
                "millas o en kilómetros.",
        },
    },
    "pregnant": {
        "wording": {
            "Are you pregnant, or hoping to become pregnant in the next year?":
                "¿Está embarazada o quiere quedar embarazada en el próximo año?",
        },
        "help_text": {
            "Many study medicines are not yet known to be safe during pregnancy.":
                "Todavía no se sabe si muchos de los medicamentos que se prueban en estudios "
                "son seguros durante el embarazo.",
        },
        "ask_doctor": {
            "Whether pregnancy or plans for pregnancy matter for this study":
                "Si un embarazo, o los planes de embarazo, importan para este estudio",
        },
    },
    "breastfeeding": {
        "wording": {"Are you breastfeeding?": "¿Está amamantando?"},
        "help_text": {
            "Some study medicines can pass into breast milk.":
                "Algunos medicamentos que se prueban en estudios pueden pasar a la leche "
                "materna.",
        },
        "ask_doctor": {
            "Whether breastfeeding matters for this study":
                "Si amamantar importa para este estudio",
        },
    },
    "dialysis_or_transplant": {
        "wording": {
            "Are you on dialysis, or have you had a kidney transplant?":
                "¿Está en diálisis o ha recibido un trasplante de riñón?",
        },
        "help_text": {
            "Dialysis is when a machine cleans your blood because your kidneys cannot.":
                "La diálisis es cuando una máquina limpia su sangre porque sus riñones no "
                "pueden hacerlo.",
        },
        "ask_doctor": {
            "Your kidney treatment: dialysis or a kidney transplant":
                "Su tratamiento de los riñones: diálisis o trasplante de riñón",
        },
    },
    "egfr": {
        "wording": {
            "What was your most recent eGFR (kidney function) number?":
                "¿Cuál fue su número de eGFR (función de los riñones) más reciente?",
        },
        "help_text": {
            "eGFR shows how well your kidneys clean your blood. It is on your blood test "
            "results, often near “creatinine”. A normal number is about 90 or more.":
                "El eGFR muestra qué tan bien sus riñones limpian la sangre. Aparece en los "
                "resultados de sus análisis de sangre, a menudo cerca de “creatinina”. Un "
                "número normal es de alrededor de 90 o más.",
        },
        "ask_doctor": {
            "Your most recent eGFR (kidney function) result":
                "Su resultado de eGFR (función de los riñones) más reciente",
        },
    },
    "upcr": {
        "wording": {
            "What was your most recent urine protein to creatinine ratio (UPCR)?":
                "¿Cuál fue su resultado más reciente de proteína y creatinina en la orina "
                "(UPCR)?",
        },
        "help_text": {
            "This urine test shows how much protein your kidneys let out. Your result may be "
            "in mg/mg, g/g, mg/g or mg/mmol: give the unit from your paper.":
                "Este análisis de orina muestra cuánta proteína dejan salir sus riñones. Su "
                "resultado puede estar en mg/mg, g/g, mg/g o mg/mmol: use la unidad que dice "
                "su hoja de resultados.",
        },
        "ask_doctor": {
            "Your most recent urine protein test (UPCR)":
                "Su análisis de proteína en la orina (UPCR) más reciente",
        },
    },
    "prednisone_mg_per_day": {
        "wording": {
            "How many milligrams (mg) of prednisone do you take each day?":
                "¿Cuántos miligramos (mg) de prednisona toma cada día?",
        },
        "help_text": {
            "Prednisone is a steroid pill. Write 0 if you do not take it. If you take another "
            "steroid, such as methylprednisolone, ask your doctor how much prednisone that is "
            "the same as.":
                "La prednisona es una pastilla de esteroide. Escriba 0 si no la toma. Si toma "
                "otro esteroide, como la metilprednisolona, pregúntele a su médico a cuánta "
                "prednisona equivale.",
        },
        "ask_doctor": {
            "Your daily steroid dose, counted as prednisone":
                "Su dosis diaria de esteroides, contada como prednisona",
        },
    },
    "ana_positive": {
        "wording": {
            "Has a blood test shown a positive ANA?":
                "¿Un análisis de sangre ha mostrado un ANA positivo?",
            # The wording 0002 seeded, in case a database kept it.
            "Has a blood test shown a positive ANA, at 1:160 or higher?":
                "¿Un análisis de sangre ha mostrado un ANA positivo, de 1:160 o más?",
        },
        "help_text": {
            "ANA is a blood test for lupus. Your lab report may say “positive” and give a "
            "number such as 1:160. Answer yes if your lab called it positive.":
                "El ANA es un análisis de sangre para el lupus. El informe del laboratorio "
                "puede decir “positivo” y dar un número como 1:160. Responda que sí si su "
                "laboratorio dijo que es positivo.",
            "ANA is a blood test for lupus. The result may look like “positive, 1:320”.":
                "El ANA es un análisis de sangre para el lupus. El resultado puede verse así: "
                "“positivo, 1:320”.",
        },
        "ask_doctor": {
            "Your ANA blood test result and its titer (such as 1:160)":
                "Su resultado del análisis de sangre ANA y su título (como 1:160)",
        },
    },
    "anti_dsdna_positive": {
        "wording": {
            "Has a blood test shown positive anti-dsDNA antibodies?":
                "¿Un análisis de sangre ha mostrado anticuerpos anti-dsDNA positivos?",
        },
        "help_text": {
            "Anti-dsDNA (anti-double-stranded DNA) is a blood test for lupus.":
                "El anti-dsDNA (anti-ADN de doble cadena) es un análisis de sangre para el "
                "lupus.",
        },
        "ask_doctor": {
            "Your anti-dsDNA antibody test result":
                "Su resultado del análisis de anticuerpos anti-dsDNA",
        },
    },
    "anti_smith_positive": {
        "wording": {
            "Has a blood test shown positive anti-Smith (anti-Sm) antibodies?":
                "¿Un análisis de sangre ha mostrado anticuerpos anti-Smith (anti-Sm) "
                "positivos?",
        },
        "help_text": {
            "Anti-Smith is another blood test for lupus.":
                "El anti-Smith es otro análisis de sangre para el lupus.",
        },
        "ask_doctor": {
            "Your anti-Smith (anti-Sm) antibody test result":
                "Su resultado del análisis de anticuerpos anti-Smith (anti-Sm)",
        },
    },
    "sledai_2k": {
        "wording": {
            "What is your most recent SLEDAI-2K score?":
                "¿Cuál es su puntaje de SLEDAI-2K más reciente?",
        },
        "help_text": {
            "Lupus doctors use this score to measure how active lupus is. Most people do not "
            "know it. It is fine to choose “I'm not sure”.":
                "Los médicos del lupus usan este puntaje para medir qué tan activo está el "
                "lupus. La mayoría de las personas no lo saben. Está bien elegir “No lo sé”.",
        },
        "ask_doctor": {
            "Your lupus activity score (SLEDAI-2K)":
                "Su puntaje de actividad del lupus (SLEDAI-2K)",
        },
    },
    "background_therapy_weeks": {
        "wording": {
            "How long have you been taking a lupus medicine that is not a steroid and not a "
            "biologic?":
                "¿Cuánto tiempo lleva tomando un medicamento para el lupus que no sea un "
                "esteroide ni un biológico?",
        },
        "help_text": {
            "For example hydroxychloroquine (Plaquenil), mycophenolate (CellCept), "
            "azathioprine or methotrexate. You can answer in weeks, months or years. Write 0 "
            "if you do not take one.":
                "Por ejemplo, hidroxicloroquina (Plaquenil), micofenolato (CellCept), "
                "azatioprina o metotrexato. Puede responder en semanas, meses o años. Escriba "
                "0 si no toma ninguno.",
        },
        "ask_doctor": {
            "How long you have taken your lupus medicines (not steroids or biologics)":
                "Cuánto tiempo lleva tomando sus medicamentos para el lupus (no esteroides ni "
                "biológicos)",
        },
    },
    "biologic_last_12_months": {
        "wording": {
            "In the last 12 months, have you had a biologic medicine?":
                "En los últimos 12 meses, ¿ha recibido un medicamento biológico?",
        },
        "help_text": {
            "Biologics are strong medicines made from living cells, often given as a shot or "
            "drip, such as belimumab (Benlysta), anifrolumab (Saphnelo) or rituximab "
            "(Rituxan).":
                "Los biológicos son medicamentos fuertes hechos con células vivas. A menudo se "
                "dan con una inyección o por suero en la vena. Por ejemplo: belimumab "
                "(Benlysta), anifrolumab (Saphnelo) o rituximab (Rituxan).",
        },
        "ask_doctor": {
            "Which biologic medicines you had in the last 12 months, and when":
                "Qué medicamentos biológicos recibió en los últimos 12 meses, y cuándo",
        },
    },
    "last_biologic_dose": {
        "wording": {
            "When did you last have a biologic medicine?":
                "¿Cuándo recibió un medicamento biológico por última vez?",
        },
        "help_text": {
            "The month and year is enough. Biologics include belimumab (Benlysta), "
            "anifrolumab (Saphnelo) and rituximab (Rituxan).":
                "Basta con el mes y el año. Algunos biológicos son belimumab (Benlysta), "
                "anifrolumab (Saphnelo) y rituximab (Rituxan).",
        },
        "ask_doctor": {
            "The date of your last biologic medicine":
                "La fecha de su último medicamento biológico",
        },
        "choices": {"never": {"I have never had one": "Nunca he recibido uno"}},
    },
    "car_t_or_stem_cell_ever": {
        "wording": {
            "Have you ever had CAR-T cell therapy or a stem cell transplant?":
                "¿Alguna vez ha recibido terapia de células CAR-T o un trasplante de células "
                "madre?",
        },
        "help_text": {
            "These are treatments that use your own or a donor's cells.":
                "Son tratamientos que usan sus propias células o las de un donante.",
        },
        "ask_doctor": {
            "Whether you have had CAR-T cell therapy or a stem cell transplant":
                "Si ha recibido terapia de células CAR-T o un trasplante de células madre",
        },
    },
    "cancer_last_5_years": {
        "wording": {
            "Have you had cancer in the last 5 years?":
                "¿Ha tenido cáncer en los últimos 5 años?",
        },
        "help_text": {
            "Some skin cancers that were fully removed may not count. Answer yes if you are "
            "not sure which kind.":
                "Algunos cánceres de piel que se quitaron por completo tal vez no cuenten. "
                "Responda que sí si no sabe de qué tipo era.",
        },
        "ask_doctor": {
            "Whether your cancer history matters for this study":
                "Si el cáncer que tuvo importa para este estudio",
        },
    },
    "chronic_infection": {
        "wording": {
            "Do you have a long-lasting infection such as HIV, hepatitis B or C, or "
            "tuberculosis (TB)?":
                "¿Tiene una infección de larga duración, como VIH, hepatitis B o C, o "
                "tuberculosis (TB)?",
        },
        "help_text": {
            "Strong lupus medicines can make these infections worse.":
                "Los medicamentos fuertes para el lupus pueden empeorar estas infecciones.",
        },
        "ask_doctor": {
            "Your tests for HIV, hepatitis B and C, and tuberculosis":
                "Sus análisis de VIH, hepatitis B y C, y tuberculosis",
        },
    },
    "live_vaccine_last_30_days": {
        "wording": {
            "In the last 30 days, have you had a live vaccine?":
                "En los últimos 30 días, ¿ha recibido una vacuna viva?",
        },
        "help_text": {
            "Live vaccines include MMR (measles), chickenpox, yellow fever and the nasal flu "
            "spray. Most flu shots and COVID shots are not live.":
                "Algunas vacunas vivas son la MMR (sarampión), la de la varicela, la de la "
                "fiebre amarilla y la vacuna contra la gripe que se rocía en la nariz. La "
                "mayoría de las vacunas inyectadas contra la gripe y el COVID no son vivas.",
        },
        "ask_doctor": {
            "Which vaccines you had in the last 30 days":
                "Qué vacunas recibió en los últimos 30 días",
        },
    },
    "weight": {
        "wording": {"How much do you weigh?": "¿Cuánto pesa?"},
        "help_text": {
            "You can answer in kilograms or pounds.":
                "Puede responder en kilogramos o en libras.",
        },
        "ask_doctor": {"Your current weight": "Su peso actual"},
    },
    # The eight questions 0005 added for drafting criteria.
    "active_cns_lupus": {
        "wording": {
            "Is your lupus active in your brain or nerves right now?":
                "¿Su lupus está activo ahora en el cerebro o en los nervios?",
        },
        "help_text": {
            "Doctors call this CNS lupus or neuropsychiatric lupus. It can cause seizures, "
            "strokes, confusion or nerve problems.":
                "Los médicos lo llaman lupus del sistema nervioso central (SNC) o lupus "
                "neuropsiquiátrico. Puede causar convulsiones, derrames cerebrales, confusión "
                "o problemas de los nervios.",
        },
        "ask_doctor": {
            "Whether your lupus is active in your brain or nerves (CNS lupus)":
                "Si su lupus está activo en el cerebro o en los nervios (lupus del SNC)",
        },
    },
    "last_investigational_drug": {
        "wording": {
            "When did you last take a medicine that was being tested in a research study?":
                "¿Cuándo tomó por última vez un medicamento que se estaba probando en un "
                "estudio de investigación?",
        },
        "help_text": {
            "The month and year is enough. If you have never been in a study that tested a "
            "medicine, choose “I have never taken one”.":
                "Basta con el mes y el año. Si nunca ha estado en un estudio que probaba un "
                "medicamento, elija “Nunca he tomado uno”.",
        },
        "ask_doctor": {
            "The date of your last dose of a medicine in a research study":
                "La fecha de su última dosis de un medicamento en un estudio de investigación",
        },
        "choices": {"never": {"I have never taken one": "Nunca he tomado uno"}},
    },
    "bmi": {
        "wording": {
            "What is your body mass index (BMI)?":
                "¿Cuál es su índice de masa corporal (IMC o BMI)?",
        },
        "help_text": {
            "BMI compares your weight with your height. Your doctor's office can tell you. A "
            "common BMI is between 18 and 30.":
                "El IMC compara su peso con su estatura. En el consultorio de su médico se lo "
                "pueden decir. Un IMC común está entre 18 y 30.",
        },
        "ask_doctor": {
            "Your body mass index (BMI)": "Su índice de masa corporal (IMC)",
        },
    },
    "hba1c": {
        "wording": {
            "What was your most recent HbA1c (A1C) result?":
                "¿Cuál fue su resultado de HbA1c (A1C) más reciente?",
        },
        "help_text": {
            "A1C is a blood test that shows your average blood sugar over about 3 months. It "
            "is a percent, such as 7.2%.":
                "La A1C es un análisis de sangre que muestra su nivel promedio de azúcar en la "
                "sangre durante unos 3 meses. Es un porcentaje, como 7.2%.",
        },
        "ask_doctor": {
            "Your most recent HbA1c (A1C) result":
                "Su resultado de HbA1c (A1C) más reciente",
        },
    },
    "hemoglobin": {
        "wording": {
            "What was your most recent hemoglobin result?":
                "¿Cuál fue su resultado de hemoglobina más reciente?",
        },
        "help_text": {
            "Hemoglobin carries oxygen in your blood. It is on a blood count test (CBC). A "
            "common result is 12 to 16 g/dL. You can answer in g/dL or g/L.":
                "La hemoglobina lleva el oxígeno en la sangre. Aparece en el conteo sanguíneo "
                "completo (CBC). Un resultado común es de 12 a 16 g/dL. Puede responder en "
                "g/dL o en g/L.",
        },
        "ask_doctor": {
            "Your most recent hemoglobin result":
                "Su resultado de hemoglobina más reciente",
        },
    },
    "platelets": {
        "wording": {
            "What was your most recent platelet count?":
                "¿Cuál fue su conteo de plaquetas más reciente?",
        },
        "help_text": {
            "Platelets help your blood clot. They are on a blood count test (CBC). A common "
            "result is 150 to 400 thousand per microliter.":
                "Las plaquetas ayudan a que la sangre coagule. Aparecen en el conteo sanguíneo "
                "completo (CBC). Un resultado común es de 150 a 400 mil por microlitro.",
            # As 0005 seeded it, before 0009 shortened it.
            "Platelets help your blood clot. They are on a blood count test (CBC). A common "
            "result is 150 to 400 (thousand per microliter). You can also write the full "
            "number with its unit, such as 250000 per µL.":
                "Las plaquetas ayudan a que la sangre coagule. Aparecen en el conteo sanguíneo "
                "completo (CBC). Un resultado común es de 150 a 400 (mil por microlitro). "
                "También puede escribir el número completo con su unidad, como 250000 por µL.",
        },
        "ask_doctor": {
            "Your most recent platelet count": "Su conteo de plaquetas más reciente",
        },
    },
    "neutrophils": {
        "wording": {
            "What was your most recent neutrophil count (ANC)?":
                "¿Cuál fue su conteo de neutrófilos (ANC) más reciente?",
        },
        "help_text": {
            "Neutrophils are white blood cells that fight germs. They are on a blood count "
            "test (CBC). A common result is 2 to 7 thousand per microliter.":
                "Los neutrófilos son glóbulos blancos que combaten los microbios. Aparecen en "
                "el conteo sanguíneo completo (CBC). Un resultado común es de 2 a 7 mil por "
                "microlitro.",
            # As 0005 seeded it, before 0009 shortened it.
            "Neutrophils are white blood cells that fight germs. They are on a blood count "
            "test (CBC). A common result is 2 to 7 (thousand per microliter). You can also "
            "write the full number with its unit, such as 2500 per µL.":
                "Los neutrófilos son glóbulos blancos que combaten los microbios. Aparecen en "
                "el conteo sanguíneo completo (CBC). Un resultado común es de 2 a 7 (mil por "
                "microlitro). También puede escribir el número completo con su unidad, como "
                "2500 por µL.",
        },
        "ask_doctor": {
            "Your most recent neutrophil count (ANC)":
                "Su conteo de neutrófilos (ANC) más reciente",
        },
    },
    "edss": {
        "wording": {
            "What is your most recent EDSS score?":
                "¿Cuál es su puntaje de EDSS más reciente?",
        },
        "help_text": {
            "EDSS is a score from 0 to 10 that MS doctors use to measure how MS affects your "
            "body. Most people do not know it. It is fine to choose “I'm not sure”.":
                "El EDSS es un puntaje de 0 a 10 que usan los médicos de la esclerosis múltiple "
                "(EM) para medir cómo la EM afecta su cuerpo. La mayoría de las personas no lo "
                "saben. Está bien elegir “No lo sé”.",
        },
        "ask_doctor": {
            "Your disability score for MS (EDSS)":
                "Su puntaje de discapacidad por la EM (EDSS)",
        },
    },
}


def add_spanish(apps, schema_editor):
    Question = apps.get_model("screening", "Question")
    terms = json.loads(TERMS_FILE.read_text(encoding="utf-8"))
    for question in Question.objects.filter(key__in=[*SPANISH, *terms]):
        changed = []
        for field, translations in SPANISH.get(question.key, {}).items():
            if field == "choices":
                continue
            spanish = translations.get(getattr(question, field))
            if spanish and not getattr(question, f"{field}_es"):
                setattr(question, f"{field}_es", spanish)
                changed.append(f"{field}_es")
        labels = SPANISH.get(question.key, {}).get("choices", {})
        choices = [dict(choice) for choice in question.choices or []]
        for choice in choices:
            spanish = labels.get(choice.get("value"), {}).get(choice.get("label"))
            if spanish and not choice.get("label_es"):
                choice["label_es"] = spanish
        if choices != question.choices:
            question.choices = choices
            changed.append("choices")
        seeded = terms.get(question.key)
        current = question.terms if isinstance(question.terms, dict) else None
        if (
            isinstance(seeded, dict)
            and current is not None
            and seeded.get("reason_es")
            and current.get("reason") == seeded.get("reason")
            and not current.get("reason_es")
        ):
            question.terms = {**current, "reason_es": seeded["reason_es"]}
            changed.append("terms")
        if changed:
            question.save(update_fields=changed)


def remove_spanish(apps, schema_editor):
    Question = apps.get_model("screening", "Question")
    for question in Question.objects.all():
        question.choices = [
            {name: value for name, value in choice.items() if name != "label_es"}
            for choice in question.choices or []
        ]
        if isinstance(question.terms, dict):
            question.terms.pop("reason_es", None)
        question.save(update_fields=["choices", "terms"])


class Migration(migrations.Migration):
    dependencies = [("screening", "0010_spanish_text")]

    operations = [migrations.RunPython(add_spanish, remove_spanish)]
