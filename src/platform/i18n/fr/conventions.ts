/** French strings of the conventions area. */
export const conventionsFr = {
  'conventions.title': 'Convention',
  'conventions.none': 'Aucune convention n’a encore été générée.',
  'conventions.currentVersion': 'Version en vigueur',
  'conventions.versionOf': 'Version {version} du {date}',
  'conventions.versionOfBy': 'Version {version} du {date}, générée par {name}',
  'conventions.hash': 'Empreinte SHA-256',
  'conventions.file': 'Fichier',
  'conventions.signatures': 'Signatures',
  'conventions.fullySigned': 'Signée par toutes les parties',
  'conventions.partiesSigned':
    '{signed, plural, one {# partie} other {# parties}} sur {total} {signed, plural, one {a signé} other {ont signé}}',
  'conventions.missing': 'Manquent : {names}.',
  'conventions.download': 'Télécharger la version {version} (PDF)',
  'conventions.party.structure': 'Structure accompagnée',
  'conventions.party.operator': 'Opérateur DLA',
  'conventions.party.provider': 'Prestataire',
  'conventions.method.click': 'signature en ligne',
  'conventions.method.scan': 'exemplaire signé numérisé',

  'conventions.board.title': 'Convention et signatures',
  'conventions.board.open': 'Voir les signatures',
  'conventions.board.parties': 'Signatures des parties',
  'conventions.board.party': 'Partie',
  'conventions.board.status': 'État',
  'conventions.board.signatories': 'Signataires',
  'conventions.board.lastReminder': 'Dernière relance',
  'conventions.board.twoRequired': 'deux signataires',
  'conventions.board.signed': 'Signé',
  'conventions.board.missing': 'À signer ({done}/{required})',
  'conventions.board.signature': '{name}, {capacity}, le {date}',
  'conventions.board.scan': 'exemplaire numérisé',
  'conventions.board.sign': 'Signer',
  'conventions.board.withdrawn': 'Sortie le {date}',
  'conventions.board.former': 'Structures sorties du processus',
  'conventions.board.formerIntro':
    'Ces structures ont quitté l’accompagnement et ne sont plus parties à la version en vigueur ; leurs signatures restent dans l’historique.',
  'conventions.board.formerVersion': 'signature de la version {version}',

  'conventions.generate.title': 'Générer la convention',
  'conventions.generate.newTitle': 'Générer une nouvelle version',
  'conventions.generate.action': 'Générer la convention',
  'conventions.generate.newAction': 'Générer une nouvelle version',
  'conventions.generate.warning':
    'Une nouvelle version remplace la version en vigueur : les signatures déjà recueillies sont annulées et les parties en sont prévenues par courriel.',
  'conventions.generate.confirm': 'Générer une nouvelle version annulera les signatures déjà recueillies. Continuer ?',
  'conventions.generate.twoLegend': 'Parties dont les statuts exigent deux signataires',
  'conventions.generate.noProvider': 'Impossible de générer la convention : aucun prestataire n’a été retenu.',
  'conventions.generate.noBeneficiary':
    'Impossible de générer la convention : l’accompagnement n’a aucune structure accompagnée active.',
  'conventions.generate.wrongState':
    'La convention ne peut être générée qu’aux étapes de la mise en concurrence ou de la convention.',
  'conventions.generate.race':
    'Une autre version vient d’être générée par un collègue. Vérifiez-la avant d’en générer une nouvelle.',
  'conventions.generate.issuedOn': 'Date d’établissement',
  'conventions.generate.issuedOnHint':
    'Le jour où cette version est établie ; il est imprimé sur la convention (« établie le … »).',
  'conventions.generate.beforeIntake':
    'Cette date précède l’accueil de l’accompagnement (le {date}) : la convention ne peut pas être établie avant.',
  'conventions.generate.beforeSelection':
    'Cette date précède le choix du prestataire (le {date}) : la convention s’établit après la sélection.',
  'conventions.generate.beforePrevious': 'Cette date précède la version en vigueur, établie le {date}.',
  'conventions.generate.done': 'Version {version} de la convention générée.',
  'conventions.generate.voided':
    '{count, plural, one {# signature de la version précédente est annulée} other {# signatures de la version précédente sont annulées}} ; les parties ont été prévenues par courriel.',

  'conventions.sign.title': 'Signature de la convention — {party}',
  'conventions.sign.intro': 'Vous signez la version {version} de la convention, d’empreinte',
  'conventions.sign.signatory1': 'Signataire',
  'conventions.sign.signatory2': 'Second signataire (si les statuts l’exigent)',
  'conventions.sign.secondHint': 'Laissez vide si la seconde personne signe plus tard.',
  'conventions.sign.name': 'Nom et prénom',
  'conventions.sign.capacity': 'Qualité',
  'conventions.sign.capacityHint': 'Par exemple : présidente, directeur, gérant.',
  'conventions.sign.method': 'Mode de signature',
  'conventions.sign.click': 'Je signe en ligne, aujourd’hui, pour cette partie',
  'conventions.sign.scan': 'J’envoie l’exemplaire signé numérisé',
  'conventions.sign.scanLegend': 'Exemplaire signé',
  'conventions.sign.signedOn': 'Date de signature',
  'conventions.sign.signedOnHint':
    'Le jour où le papier a été signé : au plus tôt le {date}, jour où cette version a été établie.',
  'conventions.sign.file': 'Exemplaire signé numérisé',
  'conventions.sign.submit': 'Enregistrer la signature',
  'conventions.sign.outdated':
    'La version {version} de la convention n’est plus en vigueur : une nouvelle version a été générée. Signez la version en vigueur.',
  'conventions.sign.wrongState': 'La convention ne peut plus être signée à cette étape de l’accompagnement.',
  'conventions.sign.already': '{party} a déjà signé cette version de la convention.',
  'conventions.sign.tooMany': 'Une seule signature manque encore pour cette partie ({count}).',
  'conventions.sign.futureDate': 'La date de signature ne peut pas être dans le futur.',
  'conventions.sign.beforeIssue':
    'Cette date précède l’établissement de cette version de la convention (le {date}) : elle ne peut pas avoir été signée avant.',
  'conventions.sign.done': 'Signature {de:party} enregistrée sur la version {version}.',

  'conventions.remind.action': 'Relancer les signataires manquants',
  'conventions.remind.hint': 'Un courriel par partie manquante, au plus une fois par jour.',
  'conventions.remind.sent': 'Relance envoyée à {count, plural, one {# partie} other {# parties}} : {names}.',
  'conventions.remind.already': 'Parties déjà relancées aujourd’hui, aucun nouveau courriel : {names}.',
  'conventions.remind.noAddress': 'Aucune adresse électronique connue pour : {names}.',
  'conventions.remind.nobody': 'Toutes les parties ont signé : personne à relancer.',

  'conventions.override.title': 'Passage en mise en œuvre autorisé par un administrateur',
  'conventions.override.formTitle': 'Autoriser la mise en œuvre sans toutes les signatures',
  'conventions.override.reason': 'Motif',
  'conventions.override.hint':
    'Le motif est conservé dans le journal. L’accompagnement passe en mise en œuvre s’il est à l’étape de la convention.',
  'conventions.override.action': 'Autoriser le passage en mise en œuvre',
  'conventions.override.by': 'Décidé par {name} le {date}.',
  'conventions.override.moved': 'Dérogation enregistrée : l’accompagnement est passé en mise en œuvre.',
  'conventions.override.recorded':
    'Dérogation enregistrée : l’accompagnement pourra passer en mise en œuvre sans toutes les signatures.',

  'conventions.versions.title': 'Versions',
  'conventions.versions.version': 'Version',
  'conventions.versions.generated': 'Générée le',
  'conventions.versions.issued': 'Établie le',
  'conventions.versions.label': 'Version {version}',
  'conventions.versions.current': 'En vigueur',
  'conventions.versions.voided': 'Remplacée le {date}',

  'conventions.guard.none': 'Générez d’abord la convention et faites-la signer par toutes les parties.',
  'conventions.guard.notSigned': 'La convention en vigueur n’est pas encore signée par toutes les parties.',

  'conventions.status.draft': 'Projet',
  'conventions.status.issued': 'Établie, en attente de signatures',
  'conventions.status.signed': 'Signée par toutes les parties',
  'conventions.status.void': 'Remplacée',
  'conventions.status.invalid':
    'Une version de la convention ne peut pas passer de l’état « {from} » à l’état « {to} ».',
  'conventions.status.stillSigned': 'Toutes les parties attendues ont signé cette version de la convention.',

  'conventions.pdf.title': 'Convention d’accompagnement DLA',
  'conventions.pdf.version': 'Version {version} — établie le {date}',
  'conventions.pdf.parties': 'Entre les parties',
  'conventions.pdf.object': 'Article 1 — Objet',
  'conventions.pdf.objectIntro':
    'La présente convention organise l’accompagnement « {title} » dans le cadre du Dispositif local d’accompagnement.',
  'conventions.pdf.daysAmount': 'Article 2 — Jours d’intervention et montant',
  'conventions.pdf.days': 'Nombre de jours d’intervention : {days}',
  'conventions.pdf.amount': 'Montant de l’intervention : {amount}',
  'conventions.pdf.dayRate': 'Prix de journée : {rate}',
  'conventions.pdf.notSet': 'non précisé',
  'conventions.pdf.phases': 'Article 3 — Phases',
  'conventions.pdf.noPhases': 'Les phases seront précisées par le comité de pilotage.',
  'conventions.pdf.phase': 'Phase {n} : {name} (du {start} au {end})',
  'conventions.pdf.dates': 'Article 4 — Dates',
  'conventions.pdf.period': 'L’accompagnement se déroule du {start} au {end}.',
  'conventions.pdf.signatures': 'Signatures',
  'conventions.pdf.signaturesIntro': 'Fait en autant d’exemplaires que de parties. Version {version}.',
  'conventions.pdf.signatoryLine': 'Nom et qualité du signataire : ______________________________',
  'conventions.pdf.dateLine': 'Date : ____ / ____ / ________',
  'conventions.pdf.signatureLine': 'Signature :',

  'conventions.mail.newVersion.subject': 'Convention « {title} » : nouvelle version {version} à signer',
  'conventions.mail.newVersion.text':
    'Bonjour,\n\nLa convention de l’accompagnement « {title} » a été modifiée : la version {version} remplace la version {old}.\n\n{count, plural, one {La signature déjà donnée} other {Les # signatures déjà données}} sur la version {old} {count, plural, one {est annulée} other {sont annulées}}. Chaque partie doit signer la nouvelle version :\n{link}\n\nCordialement,\nJalons',
  'conventions.mail.reminder.subject': 'Convention « {title} » : votre signature est attendue',
  'conventions.mail.reminder.text':
    'Bonjour,\n\nLa convention de l’accompagnement « {title} » (version {version} du {date}) attend encore la signature {de:party}.\n\nVous pouvez la signer ou envoyer l’exemplaire signé ici :\n{link}\n\nCordialement,\nJalons',
} as const;
