import type { mongo } from 'mongoose';
import type { Platform } from '../../../domain/platform.ts';
import type { Installation, InstallationRepository } from '../../../ports/store/installations.ts';
import { type MaybeKeyRing, openInstallationSecrets, sealInstallationSecrets } from '../../secret-keys.ts';
import { upsertRetryingRace } from '../duplicate-key.ts';
import { asJson } from '../json.ts';
import type { InstallationDocument } from '../models.ts';

function toInstallation(doc: InstallationDocument, ring: MaybeKeyRing): Installation {
  return {
    platform: doc.platform,
    workspaceId: doc.workspaceId,
    tenantId: doc.tenantId,
    enterpriseInstall: doc.enterpriseInstall,
    installedAt: doc.installedAt,
    secrets: openInstallationSecrets(ring, doc.platform, doc.workspaceId, doc.secrets),
    revokedAt: doc.revokedAt ?? null,
    // Absent when not known, as installations saved without it are read back.
    ...(doc.grantedScopes ? { grantedScopes: doc.grantedScopes } : {}),
  };
}

export class MongoInstallations implements InstallationRepository {
  readonly #installations: mongo.Collection<InstallationDocument>;
  readonly #ring: MaybeKeyRing;
  readonly #toInstallation = (doc: InstallationDocument) => toInstallation(doc, this.#ring);
  constructor(installations: mongo.Collection<InstallationDocument>, ring: MaybeKeyRing) {
    this.#installations = installations;
    this.#ring = ring;
  }

  async save(installation: Installation): Promise<void> {
    // A reinstall replaces everything, its date and tokens included.
    await upsertRetryingRace(() =>
      this.#installations.updateOne(
        { platform: installation.platform, workspaceId: installation.workspaceId },
        {
          $set: {
            tenantId: installation.tenantId,
            enterpriseInstall: installation.enterpriseInstall,
            installedAt: installation.installedAt,
            secrets: asJson(
              sealInstallationSecrets(
                this.#ring,
                installation.platform,
                installation.workspaceId,
                installation.secrets,
              ),
            ),
            revokedAt: installation.revokedAt,
            grantedScopes: installation.grantedScopes ? [...installation.grantedScopes] : null,
          },
        },
        { upsert: true },
      ),
    );
  }

  async find(platform: Platform, workspaceId: string): Promise<Installation | null> {
    const doc = await this.#installations.findOne({ platform, workspaceId });
    return doc ? this.#toInstallation(doc) : null;
  }

  async revoke(platform: Platform, workspaceId: string, at: Date): Promise<Installation | null> {
    // `revokedAt: null` also matches installations saved before the field existed.
    const doc = await this.#installations.findOneAndUpdate(
      { platform, workspaceId, revokedAt: null },
      { $set: { revokedAt: at } },
      { returnDocument: 'after' },
    );
    return doc ? this.#toInstallation(doc) : null;
  }

  async listByTenant(tenantId: string): Promise<Installation[]> {
    const docs = await this.#installations.find({ tenantId }).sort({ platform: 1, workspaceId: 1 }).toArray();
    return docs.map(this.#toInstallation);
  }

  async listByPlatform(platform: Platform): Promise<Installation[]> {
    const docs = await this.#installations.find({ platform }).sort({ workspaceId: 1 }).toArray();
    return docs.map(this.#toInstallation);
  }

  // One document a workspace: few, read whole.
  async reseal(): Promise<number> {
    const ring = this.#ring;
    if (!ring) return 0;
    const docs = await this.#installations
      .find({})
      .project<Pick<InstallationDocument, 'platform' | 'workspaceId' | 'secrets'>>({
        platform: 1,
        workspaceId: 1,
        secrets: 1,
      })
      .toArray();
    const stale = docs.filter((doc) => ring.needsReseal(doc.secrets));
    for (const doc of stale) {
      const secrets = sealInstallationSecrets(
        ring,
        doc.platform,
        doc.workspaceId,
        openInstallationSecrets(ring, doc.platform, doc.workspaceId, doc.secrets),
      );
      // Only if no one replaced it meanwhile (a reinstall seals under the first key itself).
      await this.#installations.updateOne(
        { platform: doc.platform, workspaceId: doc.workspaceId, secrets: doc.secrets },
        { $set: { secrets: asJson(secrets) } },
      );
    }
    return stale.length;
  }
}
