import type { mongo } from 'mongoose';
import type { Platform } from '../../../domain/platform.ts';
import type { Installation, InstallationRepository } from '../../../ports/store/installations.ts';
import { upsertRetryingRace } from '../duplicate-key.ts';
import type { InstallationDocument } from '../models.ts';
import { asJson } from '../json.ts';

function toInstallation(doc: InstallationDocument): Installation {
  return {
    platform: doc.platform,
    workspaceId: doc.workspaceId,
    tenantId: doc.tenantId,
    enterpriseInstall: doc.enterpriseInstall,
    installedAt: doc.installedAt,
    secrets: doc.secrets,
  };
}

export class MongoInstallations implements InstallationRepository {
  readonly #installations: mongo.Collection<InstallationDocument>;
  constructor(installations: mongo.Collection<InstallationDocument>) {
    this.#installations = installations;
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
            secrets: asJson(installation.secrets),
          },
        },
        { upsert: true },
      ),
    );
  }

  async find(platform: Platform, workspaceId: string): Promise<Installation | null> {
    const doc = await this.#installations.findOne({ platform, workspaceId });
    return doc ? toInstallation(doc) : null;
  }

  async remove(platform: Platform, workspaceId: string): Promise<boolean> {
    const { deletedCount } = await this.#installations.deleteOne({ platform, workspaceId });
    return deletedCount > 0;
  }

  async listByTenant(tenantId: string): Promise<Installation[]> {
    const docs = await this.#installations.find({ tenantId }).sort({ platform: 1, workspaceId: 1 }).toArray();
    return docs.map(toInstallation);
  }
}
