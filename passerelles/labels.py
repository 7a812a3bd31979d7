"""French words for the codes of the content model, and French dates.

Pure lookups and formatting used as Jinja filters; one place to change how
the site says "apprentissage" or "lundi 23 novembre 2020 à 14 h".
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .datefix import MONTHS as MOIS
from .timeutil import PARIS, When

LIEUX = {"domicile": "À domicile", "etablissement": "En établissement (EHPAD, foyer, MAS…)", "hopital": "À l’hôpital"}
LIEUX_COURTS = {"domicile": "Domicile", "etablissement": "Établissement", "hopital": "Hôpital"}
PUBLICS_METIER = {"personnes-agees": "Personnes âgées", "personnes-handicapees": "Personnes en situation de handicap"}
NIVEAUX_ACCES = {
    "sans-diplome": "Sans diplôme",
    "cap": "CAP",
    "bac": "Bac",
    "bac+2": "Bac + 2",
    "bac+3": "Bac + 3",
    "bac+5": "Bac + 5",
}
NIVEAUX_RNCP = {3: "CAP", 4: "bac", 5: "bac + 2", 6: "bac + 3", 7: "bac + 5", 8: "doctorat"}
VOIES = {
    "formation-initiale": "Formation initiale (à la sortie de l’école)",
    "apprentissage": "Apprentissage (en alternance, avec un salaire)",
    "formation-continue": "Formation continue (adultes, salariés, demandeurs d’emploi)",
    "vae": "VAE (validation des acquis de l’expérience)",
}
VOIES_COURTES = {
    "formation-initiale": "Formation initiale",
    "apprentissage": "Apprentissage",
    "formation-continue": "Formation continue",
    "vae": "VAE",
}
TYPES_EVENEMENT = {
    "job-dating": "Job dating",
    "salon": "Salon",
    "forum": "Forum des métiers",
    "atelier": "Atelier",
    "portes-ouvertes": "Portes ouvertes",
    "information-collective": "Information collective",
    "visite": "Visite",
    "conference": "Conférence",
    "concours": "Concours",
    "autre": "Événement",
}
EMPLOYEURS = {
    "fonction-publique-hospitaliere": "Fonction publique hospitalière (hôpital public, EHPAD public)",
    "fonction-publique-territoriale": "Fonction publique territoriale (commune, CCAS, département)",
    "ccn-51": "Convention collective de 1951 (établissements privés non lucratifs de la FEHAP)",
    "ccn-66": "Convention collective de 1966 (associations du handicap et de la protection de l’enfance)",
    "branche-aide-a-domicile": "Branche de l’aide à domicile (associations comme l’ADMR ou l’UNA)",
    "particulier-employeur": "Particulier employeur (embauche directe par la personne aidée, CESU)",
    "tous-employeurs": "Tous les employeurs",
    "autre": "Autre employeur",
}
PUBLICS_EVENEMENT = {
    "collegiens": "Collégiens",
    "lyceens": "Lycéens",
    "etudiants": "Étudiants",
    "demandeurs-emploi": "Demandeurs d’emploi",
    "salaries": "Salariés",
    "familles": "Familles",
    "enseignants": "Enseignants",
    "employeurs": "Employeurs",
    "tous": "Tout public",
}
JOURS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def niveau_rncp(niveau: int) -> str:
    """« niveau 4 (bac) »: the framework level with its everyday equivalent."""
    return f"niveau {niveau} ({NIVEAUX_RNCP.get(niveau, '?')})"


def date_fr(day: dt.date, weekday: bool = False) -> str:
    """« 7 octobre 2022 », or « lundi 23 novembre 2020 »; « 1er » for the first."""
    number = "1er" if day.day == 1 else str(day.day)
    text = f"{number} {MOIS[day.month - 1]} {day.year}"
    return f"{JOURS[day.weekday()]} {text}" if weekday else text


def time_fr(moment: dt.datetime) -> str:
    """« 14 h », « 9 h 30 » in Paris time."""
    local = moment.astimezone(PARIS)
    return f"{local.hour} h" if local.minute == 0 else f"{local.hour} h {local.minute:02d}"


def _day(when: When) -> dt.date:
    return when.astimezone(PARIS).date() if isinstance(when, dt.datetime) else when


def when_fr(debut: When, fin: When | None = None, precision: str = "jour") -> str:
    """An event's dates in plain French, from « en 2022 » to « mardi 12 mars 2027, de 14 h à 17 h »."""
    first = _day(debut)
    if precision == "annee":
        last = _day(fin) if fin is not None else first
        return f"en {first.year}" if last.year == first.year else f"de {first.year} à {last.year}"
    if precision == "mois":
        start = f"{MOIS[first.month - 1]} {first.year}"
        if fin is None or (_day(fin).year, _day(fin).month) == (first.year, first.month):
            return start
        last = _day(fin)
        return f"de {start} à {MOIS[last.month - 1]} {last.year}"
    if fin is None or _day(fin) == first:
        text = date_fr(first, weekday=True)
        if isinstance(debut, dt.datetime):
            text += (
                f", de {time_fr(debut)} à {time_fr(fin)}" if isinstance(fin, dt.datetime) else f" à {time_fr(debut)}"
            )
        return text
    last = _day(fin)
    start = date_fr(first, weekday=True)
    end = date_fr(last, weekday=True)
    if isinstance(debut, dt.datetime):
        start += f" à {time_fr(debut)}"
    if isinstance(fin, dt.datetime):
        end += f" à {time_fr(fin)}"
    return f"du {start} au {end}"


def iso_when(when: When, precision: str = "jour") -> str:
    """Machine-readable date for <time datetime>: « 2022 », « 2022-09 », a day, or a Paris time."""
    if precision == "annee":
        return f"{_day(when).year:04d}"
    if precision == "mois":
        return f"{_day(when):%Y-%m}"
    return when.astimezone(PARIS).isoformat() if isinstance(when, dt.datetime) else when.isoformat()


def join_fr(items: list[str] | tuple[str, ...]) -> str:
    """« a, b et c »."""
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]


def lcfirst(text: str) -> str:
    """« Aide-soignant » → « aide-soignant » inside a sentence; acronyms (« ASH ») are kept."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


DEPARTEMENTS = {
    "01": "Ain",
    "02": "Aisne",
    "03": "Allier",
    "04": "Alpes-de-Haute-Provence",
    "05": "Hautes-Alpes",
    "06": "Alpes-Maritimes",
    "07": "Ardèche",
    "08": "Ardennes",
    "09": "Ariège",
    "10": "Aube",
    "11": "Aude",
    "12": "Aveyron",
    "13": "Bouches-du-Rhône",
    "14": "Calvados",
    "15": "Cantal",
    "16": "Charente",
    "17": "Charente-Maritime",
    "18": "Cher",
    "19": "Corrèze",
    "2A": "Corse-du-Sud",
    "2B": "Haute-Corse",
    "21": "Côte-d’Or",
    "22": "Côtes-d’Armor",
    "23": "Creuse",
    "24": "Dordogne",
    "25": "Doubs",
    "26": "Drôme",
    "27": "Eure",
    "28": "Eure-et-Loir",
    "29": "Finistère",
    "30": "Gard",
    "31": "Haute-Garonne",
    "32": "Gers",
    "33": "Gironde",
    "34": "Hérault",
    "35": "Ille-et-Vilaine",
    "36": "Indre",
    "37": "Indre-et-Loire",
    "38": "Isère",
    "39": "Jura",
    "40": "Landes",
    "41": "Loir-et-Cher",
    "42": "Loire",
    "43": "Haute-Loire",
    "44": "Loire-Atlantique",
    "45": "Loiret",
    "46": "Lot",
    "47": "Lot-et-Garonne",
    "48": "Lozère",
    "49": "Maine-et-Loire",
    "50": "Manche",
    "51": "Marne",
    "52": "Haute-Marne",
    "53": "Mayenne",
    "54": "Meurthe-et-Moselle",
    "55": "Meuse",
    "56": "Morbihan",
    "57": "Moselle",
    "58": "Nièvre",
    "59": "Nord",
    "60": "Oise",
    "61": "Orne",
    "62": "Pas-de-Calais",
    "63": "Puy-de-Dôme",
    "64": "Pyrénées-Atlantiques",
    "65": "Hautes-Pyrénées",
    "66": "Pyrénées-Orientales",
    "67": "Bas-Rhin",
    "68": "Haut-Rhin",
    "69": "Rhône",
    "70": "Haute-Saône",
    "71": "Saône-et-Loire",
    "72": "Sarthe",
    "73": "Savoie",
    "74": "Haute-Savoie",
    "75": "Paris",
    "76": "Seine-Maritime",
    "77": "Seine-et-Marne",
    "78": "Yvelines",
    "79": "Deux-Sèvres",
    "80": "Somme",
    "81": "Tarn",
    "82": "Tarn-et-Garonne",
    "83": "Var",
    "84": "Vaucluse",
    "85": "Vendée",
    "86": "Vienne",
    "87": "Haute-Vienne",
    "88": "Vosges",
    "89": "Yonne",
    "90": "Territoire de Belfort",
    "91": "Essonne",
    "92": "Hauts-de-Seine",
    "93": "Seine-Saint-Denis",
    "94": "Val-de-Marne",
    "95": "Val-d’Oise",
    "971": "Guadeloupe",
    "972": "Martinique",
    "973": "Guyane",
    "974": "La Réunion",
    "975": "Saint-Pierre-et-Miquelon",
    "976": "Mayotte",
}


def euros(amount: float) -> str:
    """« 1 823 € », « 12,51 € »: French digit grouping and decimal comma, non-breaking spaces."""
    if float(amount).is_integer():
        text = f"{int(amount):,}".replace(",", "\u202f")
    else:
        text = f"{amount:,.2f}".replace(",", "\u202f").replace(".", ",")
    return f"{text}\u00a0€"


def salaire_fr(salaire: Any) -> str:
    """A salary figure in words: a monthly figure, a monthly range or an hourly rate."""
    low, high = salaire.debut_brut_mensuel, salaire.debut_brut_mensuel_max
    parts = []
    if low is not None and high is not None and high != low:
        parts.append(f"de {euros(low)} à {euros(high)} brut par mois")
    elif low is not None:
        parts.append(f"{euros(low)} brut par mois")
    if salaire.debut_brut_horaire is not None:
        parts.append(f"{euros(salaire.debut_brut_horaire)} brut de l’heure")
    return ", soit ".join(parts) if len(parts) == 1 else f"{parts[0]} ({parts[1]})"
